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
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The fulfilment moves of an order, for the shipping module: confirmed -> shipped -> delivered.
 * Each is one conditional UPDATE in the caller's transaction, so a concurrent move can't slip in.
 */
@ApplicationScoped
public class OrderTransitions {

    static final String MARK_SHIPPED = """
            UPDATE orders SET status = 'shipped', shipped_at = $2
            WHERE id = $1 AND status = 'confirmed'
            RETURNING id""";

    static final String MARK_DELIVERED = """
            UPDATE orders SET status = 'delivered', delivered_at = $2
            WHERE id = $1 AND status = 'shipped'
            RETURNING id""";

    static final String STATUS = """
            SELECT status FROM orders WHERE id = $1""";

    private final AuditLog audit;

    OrderTransitions(AuditLog audit) {
        this.audit = audit;
    }

    public Uni<Void> markShipped(SqlClient tx, UUID orderId, Actor actor, Instant at) {
        return move(tx, MARK_SHIPPED, orderId, actor, at, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, "shippedAt");
    }

    public Uni<Void> markDelivered(SqlClient tx, UUID orderId, Actor actor, Instant at) {
        return move(tx, MARK_DELIVERED, orderId, actor, at, OrderStatus.SHIPPED, OrderStatus.DELIVERED, "deliveredAt");
    }

    private Uni<Void> move(SqlClient tx, String sql, UUID orderId, Actor actor, Instant at,
                           OrderStatus from, OrderStatus to, String timestampField) {
        return tx.preparedQuery(sql).execute(Tuple.of(orderId, at.atOffset(ZoneOffset.UTC)))
                .chain(rows -> rows.rowCount() == 1
                        ? audit.record(tx, AuditEntry.updated(actor, "order", orderId,
                                Map.of("status", from), Map.of("status", to, timestampField, at.toString())))
                        : explainRefusal(tx, orderId, to));
    }

    /** Nothing was updated: either there is no such order or it is in the wrong state. */
    private static Uni<Void> explainRefusal(SqlClient tx, UUID orderId, OrderStatus to) {
        return tx.preparedQuery(STATUS).execute(Tuple.of(orderId)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new NotFoundException("Order");
            }
            OrderStatus status = OrderStatus.of(rows.iterator().next().getString("status"));
            throw new ConflictException("illegal-transition", "An order that is " + status.value() + " cannot become " + to.value(),
                    Map.of("orderId", orderId, "orderStatus", status.value()));
        });
    }
}
