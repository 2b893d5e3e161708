package io.orderflow.ordering;

import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class OrderTransitionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool db;

    @Inject
    OrderTransitions transitions;

    @Test
    void aConfirmedOrderShipsThenDelivers() {
        UUID order = confirmedOrder();

        db.withTransaction(tx -> transitions.markShipped(tx, order, Actor.SYSTEM)).await().atMost(WAIT);
        db.withTransaction(tx -> transitions.markDelivered(tx, order, Actor.SYSTEM)).await().atMost(WAIT);

        assertEquals("delivered|true|true", Sql.value("SELECT status || '|' || (shipped_at IS NOT NULL)::text || '|' || (delivered_at IS NOT NULL)::text FROM orders WHERE id = ?", order));
        assertEquals(2, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'order' AND entity_id = ? AND new_values ->> 'status' IN ('shipped', 'delivered')", order));
    }

    @Test
    void deliveringAnOrderNotShippedIsAnIllegalTransition() {
        UUID order = confirmedOrder();

        ConflictException failure = assertThrows(ConflictException.class, () ->
                db.withTransaction(tx -> transitions.markDelivered(tx, order, Actor.SYSTEM)).await().atMost(WAIT));

        assertEquals("illegal-transition", failure.type());
        assertEquals("confirmed", Sql.value("SELECT status FROM orders WHERE id = ?", order));
    }

    @Test
    void shippingAnUnknownOrderIsNotFound() {
        assertThrows(NotFoundException.class, () ->
                db.withTransaction(tx -> transitions.markShipped(tx, UUID.randomUUID(), Actor.SYSTEM)).await().atMost(WAIT));
    }

    private static UUID confirmedOrder() {
        return UUID.fromString(Checkouts.paidOrder(1).id());
    }
}
