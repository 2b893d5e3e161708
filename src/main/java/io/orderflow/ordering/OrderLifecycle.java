package io.orderflow.ordering;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a module above ordering does for the kinds of product it owns (learning: courses and events), called
 * inside ordering's own transactions so its rows commit or roll back with the order (docs/architecture.md,
 * "Courses and events"). Ordering owns the interface; the higher module implements it.
 */
public interface OrderLifecycle {

    /** Whether an order line of this product kind concerns the implementation; lines of other kinds never reach it. */
    boolean handles(String kind);

    /**
     * In the reserve transaction, after the customer's checkouts were serialised (HoldLimits) and before the order is
     * written: fails with a domain exception when these lines may not be bought, and may hand over stock held for this
     * customer (a waitlist offer's seat, given back here for the reservation that follows to take). {@code heldProducts}
     * are the products in the customer's unpaid orders. Only called when a line's kind is {@link #handles handled}.
     */
    Uni<Void> beforeReserve(SqlClient tx, UUID customerId, List<Orders.NewLine> lines, Set<UUID> heldProducts);

    /** In the transaction that confirms a paid order, whatever its lines: writes what the purchase grants. */
    Uni<Void> confirmed(SqlClient tx, UUID orderId);

    /**
     * In the transaction that cancels a paid order: takes back what {@link #confirmed} granted, or refuses (409) when
     * {@code byPolicy} and the customer's cancellation window has closed (staff and jobs cancel regardless).
     */
    Uni<Void> cancelled(SqlClient tx, UUID orderId, boolean byPolicy);

    /**
     * In the transaction that takes some lines out of a paid order that stays paid (a cancelled event): takes back their
     * grants. Emits the products whose grants were still held; only those lines are refunded and returned, so lines
     * withdrawn before (another instance, a rerun, a stale list) are never refunded twice.
     */
    Uni<List<UUID>> withdrawn(SqlClient tx, UUID orderId, List<UUID> productIds);
}
