package io.orderflow.support;

import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.OwnerDatabase.execute;
import static io.restassured.RestAssured.given;

/**
 * Products for tests, each with a unique SKU: created through the API (catalog tests) or
 * written straight into the catalog and stock as the owner (tests of the modules that sell them);
 * and their stock levels and ledger as the database holds them.
 */
public final class TestProducts {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");

    private TestProducts() {
    }

    /** The body of a valid physical product; tests change what they are about. */
    public static Map<String, Object> body(String name, long priceCents, int initialStock) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", "SKU-" + UUID.randomUUID());
        body.put("name", name);
        body.put("description", "A test product");
        body.put("category", "tests");
        body.put("kind", "physical");
        body.put("priceCents", priceCents);
        body.put("currency", "USD");
        body.put("initialStock", initialStock);
        return body;
    }

    /** Creates the product as a manager and answers its id. */
    public static UUID create(Map<String, Object> body) {
        String id = given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID create(String name, long priceCents, int initialStock) {
        return create(body(name, priceCents, initialStock));
    }

    /** A physical product priced {@code priceCents} USD with {@code onHand} units (and their PURCHASE ledger row). */
    public static UUID stocked(int onHand, long priceCents) {
        UUID id = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            insertProduct(db, id, "physical", priceCents, true);
            execute(db, "INSERT INTO inventory (product_id, quantity_on_hand) VALUES (?, ?)", id, onHand);
            if (onHand > 0) {
                execute(db, "INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (?, 'purchase', ?)", id, onHand);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test product", e);
        }
        return id;
    }

    /** A digital product sold without counting stock. */
    public static UUID digital(long priceCents) {
        UUID id = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            insertProduct(db, id, "digital", priceCents, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test product", e);
        }
        return id;
    }

    /** The product's stock as {@code onHand|reserved|available}. */
    public static String levels(UUID product) {
        return Sql.value("SELECT quantity_on_hand || '|' || quantity_reserved || '|' || quantity_available FROM inventory WHERE product_id = ?", product);
    }

    /** The sum of the product's stock ledger, which must equal its units on hand. */
    public static int ledgerSum(UUID product) {
        return Integer.parseInt(Sql.value("SELECT coalesce(sum(quantity_change), 0)::text FROM inventory_transactions WHERE product_id = ?", product));
    }

    private static void insertProduct(Connection db, UUID id, String kind, long priceCents, boolean tracked) throws SQLException {
        String suffix = id.toString().replace("-", "").substring(0, 16);
        execute(db, "INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency, track_inventory)"
                        + " VALUES (?, ?, ?, ?, 'tools', ?, ?, 'USD', ?)",
                id, "SKU-" + suffix, "p-" + suffix, "Thing " + suffix, kind, priceCents, tracked);
    }
}
