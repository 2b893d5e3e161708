package io.orderflow.ordering;

import io.orderflow.platform.ConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Caps on what one customer's pending orders hold ({@code orderflow.checkout.hold-limit.*}), checked in
 * the reserve transaction before the order is written. A transaction-scoped advisory lock per customer
 * makes the count race-free: two checkouts of one customer take turns here (others never wait), and
 * the second counts the first's order once it commits. The count is one query on the partial index of
 * pending orders (at most pending-orders x 50 rows).
 */
@ApplicationScoped
class HoldLimits {

    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('orderflow:checkout-holds:' || $1::uuid, 0))";

    static final String PENDING_LINES = """
            SELECT o.id AS order_id, i.product_id, i.quantity
            FROM orders o JOIN order_items i ON i.order_id = o.id
            WHERE o.customer_id = $1 AND o.status = 'pending'""";

    /** One line of a pending order. */
    record Held(UUID orderId, UUID productId, int quantity) {
    }

    private final CheckoutConfig.HoldLimit limits;

    HoldLimits(CheckoutConfig config) {
        this.limits = config.holdLimit();
    }

    /**
     * Fails with 409 when {@code order} would take its customer over a cap; call inside the reserve transaction.
     * Emits the products the customer's unpaid orders hold.
     */
    Uni<Set<UUID>> check(SqlClient tx, Orders.NewOrder order) {
        // Sent together: PostgreSQL takes the lock before it runs the count.
        return Uni.combine().all().unis(tx.preparedQuery(LOCK).execute(Tuple.of(order.customerId())),
                        tx.preparedQuery(PENDING_LINES).execute(Tuple.of(order.customerId())))
                .with((locked, rows) -> rows)
                .map(rows -> {
                    List<Held> held = new ArrayList<>();
                    rows.forEach(row -> held.add(new Held(row.getUUID("order_id"), row.getUUID("product_id"), row.getInteger("quantity"))));
                    Map<UUID, Integer> wanted = new HashMap<>();
                    order.lines().forEach(line -> wanted.merge(line.product().id(), line.quantity(), Integer::sum));
                    refusal(held, wanted, limits.pendingOrders(), limits.units(), limits.unitsPerProduct()).ifPresent(e -> {
                        throw e;
                    });
                    Set<UUID> heldProducts = new HashSet<>();
                    held.forEach(line -> heldProducts.add(line.productId()));
                    return heldProducts;
                });
    }

    /** The refusal, if a new order of {@code wanted} units per product next to {@code held} goes over a cap. No I/O. */
    static Optional<ConflictException> refusal(List<Held> held, Map<UUID, Integer> wanted, int maxOrders, int maxUnits, int maxPerProduct) {
        Set<UUID> orders = new HashSet<>();
        Map<UUID, Integer> perProduct = new HashMap<>();
        long units = 0;
        for (Held line : held) {
            orders.add(line.orderId());
            perProduct.merge(line.productId(), line.quantity(), Integer::sum);
            units += line.quantity();
        }
        if (orders.size() >= maxOrders) {
            return Optional.of(new ConflictException("too-many-pending-orders",
                    "You have " + orders.size() + " unpaid orders, the most allowed at once; pay or cancel one first",
                    Map.of("limit", maxOrders)));
        }
        long newUnits = wanted.values().stream().mapToLong(Integer::longValue).sum();
        if (units + newUnits > maxUnits) {
            return Optional.of(new ConflictException("hold-limit",
                    "Your unpaid orders would hold " + (units + newUnits) + " units, more than the " + maxUnits + " allowed at once",
                    Map.of("limit", maxUnits)));
        }
        for (Map.Entry<UUID, Integer> line : wanted.entrySet()) {
            long total = (long) perProduct.getOrDefault(line.getKey(), 0) + line.getValue();
            if (total > maxPerProduct) {
                return Optional.of(new ConflictException("hold-limit",
                        "Your unpaid orders would hold " + total + " units of one product, more than the " + maxPerProduct + " allowed at once",
                        Map.of("limit", maxPerProduct, "productId", line.getKey())));
            }
        }
        return Optional.empty();
    }
}
