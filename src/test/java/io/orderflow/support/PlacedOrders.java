package io.orderflow.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import static io.orderflow.support.OwnerDatabase.execute;

/**
 * Orders for the fulfilment tests, written as the owner the way checkout leaves them, so the
 * stock and payment invariants hold: a CONFIRMED order has sold its units (SALE ledger row,
 * consumed reservation) and carries one SUCCEEDED payment of its total; a PENDING order has
 * neither stock held nor money taken.
 */
public final class PlacedOrders {

    /** One order of {@value #QUANTITY} units of {@code productId} at {@value #UNIT_PRICE_CENTS} cents each. */
    public record PlacedOrder(UUID id, TestAccounts.Account customer, UUID productId) {
    }

    public static final int QUANTITY = 2;
    public static final long UNIT_PRICE_CENTS = 1500;
    private static final int STOCK = 5;

    private PlacedOrders() {
    }

    public static PlacedOrder confirmed() {
        return place(true);
    }

    public static PlacedOrder pending() {
        return place(false);
    }

    /**
     * A PENDING order of one unit of {@code product} at {@code unitPriceCents} for {@code customer}, with nothing
     * reserved or paid: an order for stock calls to hang reservations on, or a line whose price snapshot a test reads.
     */
    public static UUID pending(TestAccounts.Account customer, UUID product, long unitPriceCents) {
        UUID order = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            db.setAutoCommit(false);
            insert(db, order, customer, product, 1, unitPriceCents, false);
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot place a test order", e);
        }
        return order;
    }

    private static PlacedOrder place(boolean confirmed) {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(STOCK, UNIT_PRICE_CENTS);
        UUID order = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            db.setAutoCommit(false);
            insert(db, order, customer, product, QUANTITY, UNIT_PRICE_CENTS, confirmed);
            if (confirmed) {
                sell(db, order, product, customer, UNIT_PRICE_CENTS * QUANTITY);
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot place a test order", e);
        }
        return new PlacedOrder(order, customer, product);
    }

    /** The order and its one line, priced {@code unitPriceCents} whatever the product costs now. */
    private static void insert(Connection db, UUID order, TestAccounts.Account customer, UUID product, int quantity, long unitPriceCents,
                               boolean confirmed) throws SQLException {
        long total = unitPriceCents * quantity;
        execute(db, "INSERT INTO orders (id, customer_id, status, subtotal_cents, total_cents, currency, shipping_address_id,"
                        + " billing_address_id, idempotency_key, confirmed_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'USD', ?, ?, ?, CASE WHEN ? THEN now() END)",
                order, customer.id(), confirmed ? "confirmed" : "pending", total, total, customer.addressId(),
                customer.addressId(), "fixture-" + order, confirmed);
        execute(db, "INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)"
                + " SELECT ?, id, sku, name, ?, ?, ? FROM products WHERE id = ?", order, unitPriceCents, quantity, total, product);
    }

    private static void sell(Connection db, UUID order, UUID product, TestAccounts.Account customer, long total) throws SQLException {
        execute(db, "INSERT INTO reservations (order_id, product_id, quantity, status, expires_at)"
                + " VALUES (?, ?, ?, 'consumed', now() + interval '15 minutes')", order, product, QUANTITY);
        execute(db, "UPDATE inventory SET quantity_on_hand = quantity_on_hand - ? WHERE product_id = ?", QUANTITY, product);
        execute(db, "INSERT INTO inventory_transactions (product_id, order_id, type, quantity_change) VALUES (?, ?, 'sale', ?)",
                product, order, -QUANTITY);
        execute(db, "INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, status, gateway_charge_id,"
                        + " gateway_idempotency_key, succeeded_at) VALUES (?, ?, ?, 'USD', 'succeeded', ?, ?, now())",
                order, customer.visaCardId(), total, "ch_fixture_" + order, "fixture-" + order);
    }
}
