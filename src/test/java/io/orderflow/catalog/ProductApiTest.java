package io.orderflow.catalog;

import io.orderflow.support.PlacedOrders;
import io.orderflow.support.Poll;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.detailedProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class ProductApiTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");
    private static final TestAccounts.Account CUSTOMER = TestAccounts.customer();

    @Test
    void createWritesProductStockRowPurchaseLedgerAndAudit() {
        Map<String, Object> body = TestProducts.body("Trail Runner 2", 8999, 25);
        body.put("reorderPoint", 5);
        body.put("costCents", 4000);
        String id = post(MANAGER, body).statusCode(201)
                .header("Location", containsString("/api/v1/products/"))
                .body("slug", startsWith("trail-runner-2"))
                .body("priceCents", equalTo(8999))
                .body("costCents", equalTo(4000))
                .body("availability.status", equalTo("in_stock"))
                .body("availability.available", equalTo(25))
                .extract().path("id");
        assertEquals("25|0|5", Sql.value("SELECT quantity_on_hand || '|' || quantity_reserved || '|' || reorder_point FROM inventory WHERE product_id = ?::uuid", id));
        assertEquals("purchase:25", Sql.value("SELECT string_agg(type || ':' || quantity_change, ',') FROM inventory_transactions WHERE product_id = ?::uuid", id));
        assertEquals("create:" + MANAGER.id(), Sql.value("SELECT action || ':' || user_id FROM audit_logs WHERE entity_type = 'product' AND entity_id = ?::uuid", id));
    }

    @Test
    void sameNameGetsAUniqueSlug() {
        String name = "Same Name " + UUID.randomUUID();
        String first = post(MANAGER, TestProducts.body(name, 100, 0)).statusCode(201).extract().path("slug");
        String second = post(MANAGER, TestProducts.body(name, 100, 0)).statusCode(201).extract().path("slug");
        assertEquals(CatalogService.slugOf(name), first);
        assertNotEquals(first, second);
        assertEquals(true, second.startsWith(first + "-"));
    }

    @Test
    void slugIsAsciiLowercaseWithSingleDashes() {
        assertEquals("creme-brulee-set-2-pcs", CatalogService.slugOf("  Crème Brûlée Set — 2 pcs!! "));
        assertEquals("product", CatalogService.slugOf("!!!"));
    }

    @Test
    void duplicateSkuIsAConflict() {
        Map<String, Object> body = TestProducts.body("Dup", 100, 0);
        post(MANAGER, body).statusCode(201);
        body.put("name", "Dup again");
        detailedProblem(post(MANAGER, body), 409, "duplicate-sku");
    }

    @Test
    void negativePriceIsAValidationProblem() {
        Map<String, Object> body = TestProducts.body("Negative", -1, 0);
        detailedProblem(post(MANAGER, body), 400, "validation").body("errors.field", hasItem("priceCents"));
    }

    @Test
    void priceBeyondTheLimitIsAValidationProblemAndCreatesNothing() {
        Map<String, Object> body = TestProducts.body("Priceless", 100_000_000_001L, 0);
        body.put("costCents", Long.MAX_VALUE);
        detailedProblem(post(MANAGER, body), 400, "validation")
                .body("errors.field", contains("costCents", "priceCents"));
        assertEquals("0", Sql.value("SELECT count(*) FROM products WHERE sku = ?", (String) body.get("sku")));
    }

    @Test
    void unknownKindIsAValidationProblem() {
        Map<String, Object> body = TestProducts.body("Kindless", 100, 0);
        body.put("kind", "spaceship");
        detailedProblem(post(MANAGER, body), 400, "validation").body("errors.field", hasItem("kind"));
    }

    @Test
    void emptySkuIsAValidationProblem() {
        Map<String, Object> body = TestProducts.body("Skuless", 100, 0);
        body.put("sku", "");
        detailedProblem(post(MANAGER, body), 400, "validation").body("errors.field", hasItem("sku"));
    }

    @Test
    void onlyDigitalProductsMayGoUntracked() {
        Map<String, Object> physical = TestProducts.body("Untracked chair", 100, 0);
        physical.put("trackInventory", false);
        detailedProblem(post(MANAGER, physical), 400, "untracked-not-digital");

        Map<String, Object> digital = TestProducts.body("E-book", 100, 0);
        digital.put("kind", "digital");
        digital.put("trackInventory", false);
        post(MANAGER, digital).statusCode(201)
                .body("trackInventory", equalTo(false))
                .body("availability.status", equalTo("in_stock"))
                .body("availability.available", nullValue());
    }

    @Test
    void customerCannotCreateProducts() {
        detailedProblem(post(CUSTOMER, TestProducts.body("Nope", 100, 0)), 403, "forbidden");
    }

    @Test
    void anonymousCannotCreateProducts() {
        detailedProblem(given().contentType(ContentType.JSON).body(TestProducts.body("Nope", 100, 0)).when().post("/api/v1/products").then(),
                401, "unauthorized");
    }

    @Test
    void customerSeesProductWithoutCost() {
        Map<String, Object> body = TestProducts.body("Costly", 500, 3);
        body.put("costCents", 200);
        UUID id = TestProducts.create(body);
        given().header("Authorization", CUSTOMER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("costCents", nullValue())
                .body("availability.status", equalTo("low"))
                .body("availability.available", equalTo(3));
    }

    @Test
    void productIsFoundBySlug() {
        UUID id = TestProducts.create("Slug Lookup " + UUID.randomUUID(), 700, 1);
        String slug = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().path("slug");
        given().when().get("/api/v1/products/by-slug/" + slug)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()));
    }

    @Test
    void unknownProductIsNotFound() {
        detailedProblem(given().when().get("/api/v1/products/" + UUID.randomUUID()).then(), 404, "not-found");
        detailedProblem(given().when().get("/api/v1/products/by-slug/no-such-slug-" + UUID.randomUUID()).then(), 404, "not-found");
    }

    @Test
    void matchingIfNoneMatchAnswers304() {
        UUID id = TestProducts.create("Etag", 1200, 50);
        String etag = given().when().get("/api/v1/products/" + id)
                .then().statusCode(200).header("ETag", startsWith("\"")).extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/api/v1/products/" + id)
                .then().statusCode(304).header("ETag", equalTo(etag));
        given().header("If-None-Match", "\"stale\"").when().get("/api/v1/products/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void stockChangeChangesTheEtag() {
        UUID id = TestProducts.create("Etag stock", 1200, 50);
        String before = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "adjustment", "quantityChange", -1))
                .when().post("/api/v1/inventory/" + id + "/adjustments").then().statusCode(200);
        // Availability on a product page may be up to a second old (ProductNearCache).
        Poll.until(Duration.ofSeconds(2), "the new stock shown", () -> given().header("If-None-Match", before)
                .when().get("/api/v1/products/" + id).then().extract().statusCode() == 200);
        given().header("If-None-Match", before).when().get("/api/v1/products/" + id)
                .then().statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("availability.available", equalTo(49));
    }

    @Test
    void patchChangesFieldsAndAudits() {
        UUID id = TestProducts.create("Patch me", 1000, 1);
        patch(MANAGER, id, Map.of("priceCents", 1500, "name", "Patched")).statusCode(200)
                .body("priceCents", equalTo(1500))
                .body("name", equalTo("Patched"))
                .body("description", equalTo("A test product"));
        assertEquals("1000>1500", Sql.value("SELECT (old_values->>'priceCents') || '>' || (new_values->>'priceCents') FROM audit_logs"
                + " WHERE entity_type = 'product' AND action = 'update' AND entity_id = ?::uuid", id.toString()));
    }

    @Test
    void priceChangeLeavesOrderLinesAlone() {
        UUID id = TestProducts.create("Snapshot", 1000, 5);
        UUID order = PlacedOrders.pending(TestAccounts.customer(), id, 1000);
        patch(MANAGER, id, Map.of("priceCents", 1999)).statusCode(200);
        assertEquals("1000", Sql.value("SELECT unit_price_cents::text FROM order_items WHERE order_id = ?::uuid", order.toString()));
    }

    @Test
    void emptyPatchIsAValidationProblem() {
        UUID id = TestProducts.create("Empty patch", 1000, 1);
        detailedProblem(patch(MANAGER, id, Map.of()), 400, "validation");
    }

    @Test
    void customerCannotPatchProducts() {
        UUID id = TestProducts.create("Customer patch", 1000, 1);
        detailedProblem(patch(CUSTOMER, id, Map.of("priceCents", 1)), 403, "forbidden");
        given().when().get("/api/v1/products/" + id).then().body("priceCents", equalTo(1000));
    }

    @Test
    void inactiveProductIsHiddenFromCustomersButNotStaff() {
        UUID id = TestProducts.create("Inactive", 1000, 1);
        patch(MANAGER, id, Map.of("active", false)).statusCode(200).body("active", equalTo(false));
        detailedProblem(given().header("Authorization", CUSTOMER.bearer()).when().get("/api/v1/products/" + id).then(), 404, "not-found");
        given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void softDeleteHidesTheProductAndKeepsTheRow() {
        UUID id = TestProducts.create("Delete me", 1000, 1);
        given().when().get("/api/v1/products/" + id).then().statusCode(200);
        given().header("Authorization", MANAGER.bearer()).when().delete("/api/v1/products/" + id).then().statusCode(204);
        detailedProblem(given().header("Authorization", CUSTOMER.bearer()).when().get("/api/v1/products/" + id).then(), 404, "not-found");
        assertNotNull(Sql.value("SELECT deleted_at::text FROM products WHERE id = ?::uuid", id.toString()));
        assertEquals("delete", Sql.value("SELECT action FROM audit_logs WHERE entity_type = 'product' AND action = 'delete' AND entity_id = ?::uuid", id.toString()));
        detailedProblem(given().header("Authorization", MANAGER.bearer()).when().delete("/api/v1/products/" + id).then(), 404, "not-found");
    }

    private static ValidatableResponse post(TestAccounts.Account account, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products").then();
    }

    private static ValidatableResponse patch(TestAccounts.Account account, UUID id, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .when().patch("/api/v1/products/" + id).then();
    }
}
