package io.orderflow.ordering;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The fulfilment moves of an order, for the shipping module: confirmed -> shipped -> delivered.
 * Each is one conditional UPDATE in the caller's transaction, so a concurrent move can't slip in.
 * Each takes its time from the database's clock, the one that stamped the order's earlier times,
 * so the timeline CHECKs (shipped_at >= created_at, ...) hold whatever the JVM's clock says;
 * clock_timestamp(), not now(), as a transaction may have begun before the order was written.
 */
@ApplicationScoped
public class OrderTransitions {

    /** Only an order with something to ship: courses and event tickets are fulfilled by the confirmation itself. */
    static final String MARK_SHIPPED = """
            UPDATE orders SET status = 'shipped', shipped_at = clock_timestamp()
            WHERE id = $1 AND status = 'confirmed'
              AND EXISTS (SELECT 1 FROM order_items i JOIN products p ON p.id = i.product_id
                          WHERE i.order_id = orders.id AND p.kind NOT IN ('course', 'event'))
            RETURNING shipped_at AS at""";

    static final String MARK_DELIVERED = """
            UPDATE orders SET status = 'delivered', delivered_at = clock_timestamp()
            WHERE id = $1 AND status = 'shipped'
            RETURNING delivered_at AS at""";

    static final String STATUS = """
            SELECT status FROM orders WHERE id = $1""";

    private final AuditLog audit;

    OrderTransitions(AuditLog audit) {
        this.audit = audit;
    }

    /** Marks the order shipped and answers when, by the database's clock. */
    public Uni<Instant> markShipped(SqlClient tx, UUID orderId, Actor actor) {
        return move(tx, MARK_SHIPPED, orderId, actor, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, "shippedAt");
    }

    /** Marks the order delivered and answers when, by the database's clock. */
    public Uni<Instant> markDelivered(SqlClient tx, UUID orderId, Actor actor) {
        return move(tx, MARK_DELIVERED, orderId, actor, OrderStatus.SHIPPED, OrderStatus.DELIVERED, "deliveredAt");
    }

    private Uni<Instant> move(SqlClient tx, String sql, UUID orderId, Actor actor,
                              OrderStatus from, OrderStatus to, String timestampField) {
        return tx.preparedQuery(sql).execute(Tuple.of(orderId))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return explainRefusal(tx, orderId, to);
                    }
                    Instant at = rows.iterator().next().getOffsetDateTime("at").toInstant();
                    return audit.record(tx, AuditEntry.updated(actor, "order", orderId,
                                    Map.of("status", from), Map.of("status", to, timestampField, at.toString())))
                            .replaceWith(at);
                });
    }

    /** Nothing was updated: either there is no such order or it is in the wrong state. */
    private static <T> Uni<T> explainRefusal(SqlClient tx, UUID orderId, OrderStatus to) {
        return tx.preparedQuery(STATUS).execute(Tuple.of(orderId)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new NotFoundException("Order");
            }
            OrderStatus status = OrderStatus.of(rows.iterator().next().getString("status"));
            if (status == OrderStatus.CONFIRMED && to == OrderStatus.SHIPPED) {
                throw new ConflictException("nothing-to-ship", "This order holds only courses and event tickets, "
                        + "which its confirmation fulfilled: there is nothing to ship", Map.of("orderId", orderId));
            }
            throw new ConflictException("illegal-transition", "An order that is " + status.value() + " cannot become " + to.value(),
                    Map.of("orderId", orderId, "orderStatus", status.value()));
        });
    }
}
