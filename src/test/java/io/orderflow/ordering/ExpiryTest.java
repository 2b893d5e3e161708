package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Checkouts.Placed;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ExpiryTest {

    @Inject
    ReservationExpiryJob job;

    @Test
    void anExpiredReservationIsReleasedAndItsOrderCancelled() {
        Placed placed = Checkouts.declinedOrder(2);
        String order = placed.id();
        Checkouts.expireReservation(order);

        job.expireReservations().await().atMost(Duration.ofSeconds(30));

        assertEquals("cancelled|reservation_expired", Sql.value("SELECT status || '|' || cancellation_reason FROM orders WHERE id = ?::uuid", order));
        assertEquals("released", Sql.value("SELECT status FROM reservations WHERE order_id = ?::uuid", order));
        assertEquals("5|0|5", levels(placed.product()));
        Invariants.assertHold();
    }

    @Test
    void anOrderPastItsReservationCannotBePaid() {
        Placed placed = Checkouts.declinedOrder(1);
        String order = placed.id();
        Checkouts.expireReservation(order);

        Checkouts.pay(placed.buyer(), order, placed.buyer().visaCardId())
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "order-not-payable"));

        assertEquals(1, Sql.count("SELECT count(*) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void aLivePendingOrderIsLeftAlone() {
        Placed placed = Checkouts.declinedOrder(1);

        job.expireReservations().await().atMost(Duration.ofSeconds(30));

        assertEquals("pending", Checkouts.status(placed.id()));
        assertEquals("5|1|4", levels(placed.product()));
    }
}
