package io.orderflow.platform;

import io.orderflow.support.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The database itself rejects rows that break the design's rules, whatever the code does.
 * Each case builds a small valid world in a transaction, runs one bad statement, expects
 * the given SQLSTATE, and rolls back.
 */
@QuarkusTest
class SchemaConstraintsTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String FOREIGN_KEY = "23503";
    private static final String NOT_NULL = "23502";

    /** A valid customer, address, card, product with stock, and a confirmed-able order of 2 units. */
    private static final List<String> WORLD = List.of(
            "INSERT INTO users (id, email, password_hash, first_name, last_name) VALUES (:user, ':email', 'h', 'Ada', 'Lovelace')",
            "INSERT INTO user_addresses (id, user_id, type, line1, city, state, postal_code, country, is_default)"
                    + " VALUES (:address, :user, 'shipping', '1 Main St', 'Springfield', 'IL', '62701', 'US', true)",
            "INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)"
                    + " VALUES (:card, :user, 'pm_visa_:suffix', '4242', 'visa', 12, 2030)",
            "INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency)"
                    + " VALUES (:product, 'SKU-:suffix', 'widget-:suffix', 'Widget', 'tools', 'physical', 1000, 'USD')",
            "INSERT INTO inventory (product_id, quantity_on_hand) VALUES (:product, 5)",
            "INSERT INTO orders (id, customer_id, subtotal_cents, total_cents, currency, shipping_address_id, billing_address_id, idempotency_key)"
                    + " VALUES (:order, :user, 2000, 2000, 'USD', :address, :address, 'key-1')",
            "INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)"
                    + " VALUES (:order, :product, 'SKU-:suffix', 'Widget', 1000, 2, 2000)",
            "INSERT INTO payments (id, order_id, payment_method_id, amount_cents, currency, status, gateway_charge_id, gateway_idempotency_key)"
                    + " VALUES (:payment, :order, :card, 2000, 'USD', 'succeeded', 'ch_:suffix', 'gk_:suffix')");

    static Stream<Arguments> violations() {
        return Stream.of(
                bad("negative stock", CHECK, "UPDATE inventory SET quantity_on_hand = -1 WHERE product_id = :product"),
                bad("reserved above on hand", CHECK, "UPDATE inventory SET quantity_reserved = 6 WHERE product_id = :product"),
                bad("negative reserved", CHECK, "UPDATE inventory SET quantity_reserved = -1 WHERE product_id = :product"),
                bad("zero reorder point", CHECK, "UPDATE inventory SET reorder_point = 0 WHERE product_id = :product"),
                bad("second inventory row for a product", UNIQUE, "INSERT INTO inventory (product_id) VALUES (:product)"),
                bad("total that doesn't add up", CHECK, "UPDATE orders SET tax_cents = 100 WHERE id = :order"),
                bad("subtotal unlike its lines", CHECK,
                        "UPDATE orders SET subtotal_cents = 1500, total_cents = 1500 WHERE id = :order; SET CONSTRAINTS ALL IMMEDIATE"),
                bad("delivered before shipped", CHECK, "UPDATE orders SET status = 'delivered', confirmed_at = now(), "
                        + "shipped_at = now() + interval '1 day', delivered_at = now() WHERE id = :order"),
                bad("shipped without a shipped time", CHECK, "UPDATE orders SET status = 'shipped', confirmed_at = now() WHERE id = :order"),
                bad("both delivered and cancelled", CHECK, "UPDATE orders SET status = 'cancelled', confirmed_at = now(), "
                        + "shipped_at = now(), delivered_at = now(), cancelled_at = now() WHERE id = :order"),
                bad("unknown order status", CHECK, "UPDATE orders SET status = 'lost' WHERE id = :order"),
                bad("duplicate idempotency key for one customer", UNIQUE,
                        "INSERT INTO orders (customer_id, subtotal_cents, total_cents, currency, shipping_address_id, billing_address_id, idempotency_key)"
                                + " VALUES (:user, 2000, 2000, 'USD', :address, :address, 'key-1')"),
                bad("duplicate sku", UNIQUE, "INSERT INTO products (sku, slug, name, category, kind, price_cents, currency)"
                        + " VALUES ('SKU-:suffix', 'other-:suffix', 'Other', 'tools', 'physical', 1000, 'USD')"),
                bad("duplicate slug", UNIQUE, "INSERT INTO products (sku, slug, name, category, kind, price_cents, currency)"
                        + " VALUES ('OTHER-:suffix', 'widget-:suffix', 'Other', 'tools', 'physical', 1000, 'USD')"),
                bad("unknown product kind", CHECK, "UPDATE products SET kind = 'vehicle' WHERE id = :product"),
                bad("zero price", CHECK, "UPDATE products SET price_cents = 0 WHERE id = :product"),
                bad("untracked stock on a physical product", CHECK, "UPDATE products SET track_inventory = false WHERE id = :product"),
                bad("lower-case currency", CHECK, "UPDATE products SET currency = 'usd' WHERE id = :product"),
                bad("duplicate email", UNIQUE,
                        "INSERT INTO users (email, password_hash, first_name, last_name) VALUES (lower(':email'), 'h', 'A', 'B')"),
                bad("email not normalised", CHECK,
                        "INSERT INTO users (email, password_hash, first_name, last_name) VALUES (upper(':email'), 'h', 'A', 'B')"),
                bad("unknown role", CHECK, "UPDATE users SET role = 'root' WHERE id = :user"),
                bad("missing last name", NOT_NULL, "UPDATE users SET last_name = NULL WHERE id = :user"),
                bad("second default address of a type", UNIQUE,
                        "INSERT INTO user_addresses (user_id, type, line1, city, state, postal_code, country, is_default)"
                                + " VALUES (:user, 'shipping', '2 Main St', 'Springfield', 'IL', '62701', 'US', true)"),
                bad("country not ISO alpha-2", CHECK, "UPDATE user_addresses SET country = 'us' WHERE id = :address"),
                bad("expiry month 13", CHECK, "UPDATE user_payment_methods SET exp_month = 13 WHERE id = :card"),
                bad("zero quantity line", CHECK, "UPDATE order_items SET quantity = 0, line_total_cents = 0 WHERE order_id = :order"),
                bad("line total unlike quantity times price", CHECK,
                        "UPDATE order_items SET line_total_cents = 1999 WHERE order_id = :order"),
                bad("same product twice in an order", UNIQUE,
                        "INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)"
                                + " VALUES (:order, :product, 'SKU-:suffix', 'Widget', 1000, 1, 1000)"),
                bad("line of an unknown product", FOREIGN_KEY,
                        "INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)"
                                + " VALUES (:order, gen_random_uuid(), 'X', 'X', 1000, 1, 1000)"),
                bad("order of an unknown customer", FOREIGN_KEY, "UPDATE orders SET customer_id = gen_random_uuid() WHERE id = :order"),
                bad("deleting a product that has order lines", FOREIGN_KEY, "DELETE FROM products WHERE id = :product"),
                bad("deleting a customer who has orders", FOREIGN_KEY, "DELETE FROM users WHERE id = :user"),
                bad("second captured payment for an order", UNIQUE,
                        "INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, status, gateway_charge_id, gateway_idempotency_key)"
                                + " VALUES (:order, :card, 2000, 'USD', 'succeeded', 'ch2_:suffix', 'gk2_:suffix')"),
                bad("refund above the captured amount", CHECK, "UPDATE payments SET amount_refunded_cents = 2001 WHERE id = :payment"),
                bad("refunded status with money left", CHECK, "UPDATE payments SET status = 'refunded', amount_refunded_cents = 1 WHERE id = :payment"),
                bad("unknown payment status", CHECK, "UPDATE payments SET status = 'maybe' WHERE id = :payment"),
                bad("zero payment amount", CHECK, "UPDATE payments SET amount_cents = 0 WHERE id = :payment"),
                bad("sale that adds stock", CHECK,
                        "INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (:product, 'sale', 3)"),
                bad("unknown ledger type", CHECK,
                        "INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (:product, 'theft', -1)"),
                bad("zero-unit reservation", CHECK, "INSERT INTO reservations (order_id, product_id, quantity, expires_at)"
                        + " VALUES (:order, :product, 0, now() + interval '15 minutes')"),
                bad("unknown carrier", CHECK, "INSERT INTO shipments (order_id, carrier, tracking_number) VALUES (:order, 'pigeon', 'T-:suffix')"),
                bad("duplicate tracking number", UNIQUE,
                        "INSERT INTO shipments (order_id, carrier, tracking_number) VALUES (:order, 'ups', 'T-:suffix');"
                                + "INSERT INTO orders (id, customer_id, subtotal_cents, total_cents, currency, shipping_address_id, billing_address_id, idempotency_key)"
                                + " VALUES (gen_random_uuid(), :user, 1000, 1000, 'USD', :address, :address, 'key-2');"
                                + "INSERT INTO shipments (order_id, carrier, tracking_number)"
                                + " SELECT id, 'ups', 'T-:suffix' FROM orders WHERE idempotency_key = 'key-2' AND customer_id = :user"),
                bad("unknown audit action", CHECK, "INSERT INTO audit_logs (entity_type, entity_id, action) VALUES ('order', :order, 'shred')"));
    }

    private static Arguments bad(String rule, String sqlState, String sql) {
        return Arguments.of(rule, sqlState, sql);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void databaseRejects(String rule, String sqlState, String sql) throws SQLException {
        Map<String, String> names = Map.of(
                ":user", quoted(UUID.randomUUID()), ":address", quoted(UUID.randomUUID()), ":card", quoted(UUID.randomUUID()),
                ":product", quoted(UUID.randomUUID()), ":order", quoted(UUID.randomUUID()), ":payment", quoted(UUID.randomUUID()),
                ":email", "ada." + UUID.randomUUID() + "@example.com", ":suffix", UUID.randomUUID().toString().substring(0, 8));
        try (Connection db = OwnerDatabase.owner(); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                for (String setup : WORLD) {
                    statement.execute(bind(setup, names));
                }
                statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
                statement.execute("SET CONSTRAINTS ALL DEFERRED");
                SQLException rejected = assertThrows(SQLException.class, () -> {
                    for (String part : bind(sql, names).split(";")) {
                        statement.execute(part);
                    }
                }, rule + " was accepted");
                assertEquals(sqlState, rejected.getSQLState(), rule + ": " + rejected.getMessage());
            } catch (SQLException setupFailed) {
                fail("the valid world was rejected: " + setupFailed.getMessage());
            } finally {
                db.rollback();
            }
        }
    }

    private static String quoted(UUID id) {
        return "'" + id + "'::uuid";
    }

    private static String bind(String sql, Map<String, String> names) {
        String bound = sql;
        for (Map.Entry<String, String> name : names.entrySet()) {
            bound = bound.replace(name.getKey(), name.getValue());
        }
        return bound;
    }
}
