package io.orderflow.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The invariants of DESIGN.md as SQL, each query listing its violations. Tests call
 * {@link #assertHold()} after every concurrent scenario; any row fails the test, named.
 */
public final class Invariants {

    private static final Map<String, String> VIOLATIONS = new LinkedHashMap<>();

    static {
        VIOLATIONS.put("on hand equals the ledger", """
                SELECT i.product_id FROM inventory i
                LEFT JOIN (SELECT product_id, sum(quantity_change) AS total FROM inventory_transactions GROUP BY product_id) l
                       ON l.product_id = i.product_id
                WHERE i.quantity_on_hand <> coalesce(l.total, 0)""");
        VIOLATIONS.put("reserved equals the active reservations", """
                SELECT i.product_id FROM inventory i
                LEFT JOIN (SELECT product_id, sum(quantity) AS total FROM reservations WHERE status = 'active' GROUP BY product_id) r
                       ON r.product_id = i.product_id
                WHERE i.quantity_reserved <> coalesce(r.total, 0)""");
        VIOLATIONS.put("available is never negative", """
                SELECT product_id FROM inventory WHERE quantity_available < 0""");
        VIOLATIONS.put("a paid order has exactly one captured payment of its total", """
                SELECT o.id FROM orders o
                WHERE o.status IN ('confirmed', 'shipped', 'delivered')
                  AND (SELECT count(*) FROM payments p
                       WHERE p.order_id = o.id AND p.status IN ('succeeded', 'refunded') AND p.amount_cents = o.total_cents) <> 1""");
        VIOLATIONS.put("an unpaid order has captured nothing it kept", """
                SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id
                WHERE o.status IN ('pending', 'cancelled') AND p.status = 'succeeded' AND p.amount_refunded_cents < p.amount_cents""");
        VIOLATIONS.put("refunds add up to the refunded amount", """
                SELECT p.id FROM payments p
                LEFT JOIN (SELECT payment_id, sum(amount_cents) AS total FROM refunds GROUP BY payment_id) r ON r.payment_id = p.id
                WHERE p.amount_refunded_cents <> coalesce(r.total, 0)""");
        VIOLATIONS.put("the total is the lines plus shipping and tax", """
                SELECT o.id FROM orders o
                WHERE o.total_cents <> o.subtotal_cents + o.shipping_cents + o.tax_cents
                   OR o.subtotal_cents <> (SELECT coalesce(sum(line_total_cents), 0) FROM order_items i WHERE i.order_id = o.id)""");
        VIOLATIONS.put("only pending orders hold reservations", """
                SELECT r.order_id FROM reservations r JOIN orders o ON o.id = r.order_id
                WHERE r.status = 'active' AND o.status <> 'pending'""");
        VIOLATIONS.put("one order per customer and idempotency key", """
                SELECT customer_id FROM orders GROUP BY customer_id, idempotency_key HAVING count(*) > 1""");
    }

    private Invariants() {
    }

    public static void assertHold() {
        List<String> broken = new ArrayList<>();
        try (Connection db = OwnerDatabase.owner(); Statement statement = db.createStatement()) {
            for (Map.Entry<String, String> invariant : VIOLATIONS.entrySet()) {
                try (ResultSet rows = statement.executeQuery(invariant.getValue())) {
                    while (rows.next()) {
                        broken.add(invariant.getKey() + ": " + rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the invariants", e);
        }
        assertEquals(List.of(), broken, "invariant violations");
    }
}
