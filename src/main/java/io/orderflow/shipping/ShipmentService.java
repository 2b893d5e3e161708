package io.orderflow.shipping;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.ordering.OrderTransitions;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.security.CurrentUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Ships and delivers orders. Each move changes the shipment and its order in one transaction,
 * with their audit rows; a move the order's state forbids changes nothing.
 */
@ApplicationScoped
public class ShipmentService {

    static final String INSERT = """
            INSERT INTO shipments (order_id, carrier, tracking_number, estimated_delivery, shipped_at)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id, order_id, carrier, tracking_number, estimated_delivery, shipped_at, delivered_at""";

    static final String LOCK = """
            SELECT id, order_id, carrier, tracking_number, estimated_delivery, shipped_at, delivered_at
            FROM shipments WHERE id = $1 FOR UPDATE""";

    static final String MARK_DELIVERED = """
            UPDATE shipments SET delivered_at = $2 WHERE id = $1
            RETURNING id, order_id, carrier, tracking_number, estimated_delivery, shipped_at, delivered_at""";

    static final String FIND_WITH_CUSTOMER = """
            SELECT s.id, s.order_id, s.carrier, s.tracking_number, s.estimated_delivery, s.shipped_at, s.delivered_at,
                   o.customer_id
            FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.id = $1""";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TRACKING_NUMBER_KEY = "shipments_tracking_number_key";

    private final Pool db;
    private final OrderTransitions orders;
    private final AuditLog audit;

    ShipmentService(Pool db, OrderTransitions orders, AuditLog audit) {
        this.db = db;
        this.orders = orders;
        this.audit = audit;
    }

    /** A new shipment for a CONFIRMED order, which becomes SHIPPED; both carry the time the order took, from the database's clock. */
    public Uni<Shipment> ship(UUID orderId, String carrier, String trackingNumber, LocalDate estimatedDelivery, Actor actor) {
        return db.withTransaction(tx -> orders.markShipped(tx, orderId, actor)
                .chain(at -> insert(tx, orderId, carrier, trackingNumber, estimatedDelivery, at))
                .call(shipment -> audit.record(tx, AuditEntry.created(actor, "shipment", shipment.id(), shipment))));
    }

    /** Records the delivery of a shipment; its SHIPPED order becomes DELIVERED. */
    public Uni<Shipment> deliver(UUID shipmentId, Actor actor) {
        return db.withTransaction(tx -> lock(tx, shipmentId)
                .chain(before -> orders.markDelivered(tx, before.orderId(), actor)
                        .chain(at -> markDelivered(tx, shipmentId, at))
                        .call(after -> audit.record(tx, AuditEntry.updated(actor, "shipment", shipmentId, before, after)))));
    }

    /** A shipment as staff or the customer who ordered it may see it; anyone else is told it does not exist. */
    public Uni<Shipment> find(UUID shipmentId, CurrentUser caller) {
        return db.preparedQuery(FIND_WITH_CUSTOMER).execute(Tuple.of(shipmentId))
                .map(rows -> {
                    Row row = single(rows);
                    if (!caller.isStaff() && !row.getUUID("customer_id").equals(caller.id())) {
                        throw new NotFoundException("Shipment");
                    }
                    return Shipment.from(row);
                });
    }

    private Uni<Shipment> insert(SqlClient tx, UUID orderId, String carrier, String trackingNumber,
                                 LocalDate estimatedDelivery, Instant at) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(orderId, carrier, trackingNumber, estimatedDelivery, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> Shipment.from(rows.iterator().next()))
                .onFailure(ShipmentService::isDuplicateTrackingNumber)
                .transform(duplicate -> new ConflictException("duplicate-tracking-number",
                        "Tracking number " + trackingNumber + " belongs to another shipment", Map.of("trackingNumber", trackingNumber)));
    }

    private static Uni<Shipment> lock(SqlClient tx, UUID shipmentId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(shipmentId)).map(rows -> Shipment.from(single(rows)));
    }

    private static Uni<Shipment> markDelivered(SqlClient tx, UUID shipmentId, Instant at) {
        return tx.preparedQuery(MARK_DELIVERED).execute(Tuple.of(shipmentId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> Shipment.from(rows.iterator().next()));
    }

    private static Row single(RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            throw new NotFoundException("Shipment");
        }
        return rows.iterator().next();
    }

    private static boolean isDuplicateTrackingNumber(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && TRACKING_NUMBER_KEY.equals(pg.getConstraint());
    }
}
