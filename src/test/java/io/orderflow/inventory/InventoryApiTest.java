package io.orderflow.inventory;

import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.orderflow.support.TestProducts.ledgerSum;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InventoryApiTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");
    private static final TestAccounts.Account EMPLOYEE = TestAccounts.staff("employee");

    @Test
    void levelsShowOnHandReservedAndReorderPoint() {
        Map<String, Object> body = TestProducts.body("Levels", 100, 12);
        body.put("reorderPoint", 4);
        body.put("warehouseLocation", "A-01");
        UUID id = TestProducts.create(body);
        given().header("Authorization", EMPLOYEE.bearer()).when().get("/api/v1/inventory/" + id)
                .then().statusCode(200)
                .body("productId", equalTo(id.toString()))
                .body("onHand", equalTo(12))
                .body("reserved", equalTo(0))
                .body("available", equalTo(12))
                .body("reorderPoint", equalTo(4))
                .body("warehouseLocation", equalTo("A-01"))
                .body("lastCountedAt", nullValue());
    }

    @Test
    void adjustmentChangesStockAndWritesLedgerAndAudit() {
        UUID id = TestProducts.create("Adjust", 100, 10);
        adjust(EMPLOYEE, id, "purchase", 5, "Restock").statusCode(200).body("onHand", equalTo(15)).body("available", equalTo(15));
        adjust(EMPLOYEE, id, "adjustment", -3, "Damaged").statusCode(200).body("onHand", equalTo(12));
        assertEquals(12, ledgerSum(id));
        assertEquals("2", Sql.value("SELECT count(*) FROM audit_logs a JOIN inventory i ON i.id = a.entity_id"
                + " WHERE a.entity_type = 'inventory' AND i.product_id = ?", id));
        assertEquals(EMPLOYEE.id().toString(), Sql.value("SELECT created_by::text FROM inventory_transactions"
                + " WHERE product_id = ? AND notes = 'Damaged'", id));
    }

    @Test
    void countVarianceSetsLastCountedAt() {
        UUID id = TestProducts.create("Counted", 100, 10);
        adjust(MANAGER, id, "count_variance", -2, "Cycle count").statusCode(200)
                .body("onHand", equalTo(8))
                .body("lastCountedAt", notNullValue());
    }

    @Test
    void adjustmentBelowZeroIsAConflictAndChangesNothing() {
        UUID id = TestProducts.create("Too few", 100, 3);
        problem(adjust(MANAGER, id, "adjustment", -4, null), 409, "insufficient-stock")
                .body("onHand", equalTo(3));
        assertEquals("3", Sql.value("SELECT quantity_on_hand::text FROM inventory WHERE product_id = ?", id));
        assertEquals(3, ledgerSum(id));
    }

    @Test
    void adjustmentBelowReservedIsAConflict() {
        UUID id = TestProducts.create("Reserved", 100, 5);
        Sql.update("UPDATE inventory SET quantity_reserved = 4 WHERE product_id = ?", id);
        try {
            problem(adjust(MANAGER, id, "adjustment", -2, null), 409, "insufficient-stock")
                    .body("reserved", equalTo(4));
            adjust(MANAGER, id, "adjustment", -1, null).statusCode(200).body("available", equalTo(0));
        } finally {
            // no reservation rows back this reserved count: undo it so the stock invariants hold again
            Sql.update("UPDATE inventory SET quantity_reserved = 0 WHERE product_id = ?", id);
        }
    }

    @Test
    void purchaseMustAddStock() {
        UUID id = TestProducts.create("Negative purchase", 100, 5);
        problem(adjust(MANAGER, id, "purchase", -1, null), 400, "invalid-adjustment");
        problem(adjust(MANAGER, id, "adjustment", 0, null), 400, "invalid-adjustment");
    }

    @Test
    void hugeAdjustmentIsAValidationProblemAndChangesNothing() {
        UUID id = TestProducts.create("Huge adjustment", 100, 10);
        problem(adjust(MANAGER, id, "purchase", Integer.MAX_VALUE, null), 400, "validation")
                .body("errors.field", contains("quantityChange"));
        problem(adjust(MANAGER, id, "adjustment", Integer.MIN_VALUE, null), 400, "validation")
                .body("errors.field", contains("quantityChange"));
        assertStockUnchanged(id, 10);
    }

    @Test
    void adjustmentBeyondAnIntegerIsAValidationProblemAndChangesNothing() {
        UUID id = TestProducts.create("Beyond int", 100, 10);
        problem(adjustWith(MANAGER, id, Map.of("type", "purchase", "quantityChange", 99_999_999_999L)), 400, "validation")
                .body("errors.field", contains("quantityChange"));
        problem(adjustWith(MANAGER, id, Map.of("type", "purchase", "quantityChange", "five")), 400, "validation")
                .body("errors.field", contains("quantityChange"));
        assertStockUnchanged(id, 10);
    }

    /** The bounds keep each change small; PostgreSQL's overflow error (22003) is the backstop for the sum. */
    @Test
    void adjustmentOverflowingStockIsOutOfRangeAndChangesNothing() {
        int nearlyFull = Integer.MAX_VALUE - 10;
        UUID id = TestProducts.stocked(nearlyFull, 100);
        problem(adjust(MANAGER, id, "purchase", 1_000, null), 400, "out-of-range");
        assertStockUnchanged(id, nearlyFull);
    }

    @Test
    void saleIsNotAnAdjustment() {
        UUID id = TestProducts.create("Sale", 100, 5);
        problem(adjust(MANAGER, id, "sale", -1, null), 400, "validation");
    }

    @Test
    void unknownProductIsNotFound() {
        problem(adjust(MANAGER, UUID.randomUUID(), "purchase", 1, null), 404, "not-found");
        problem(given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/inventory/" + UUID.randomUUID()).then(),
                404, "not-found");
    }

    @Test
    void customerCannotSeeOrAdjustStock() {
        UUID id = TestProducts.create("Customer stock", 100, 5);
        TestAccounts.Account customer = TestAccounts.customer();
        problem(adjust(customer, id, "purchase", 1, null), 403, "forbidden");
        problem(given().header("Authorization", customer.bearer()).when().get("/api/v1/inventory/" + id).then(), 403, "forbidden");
        assertEquals(5, ledgerSum(id));
    }

    @Test
    void ledgerPagesNewestFirst() {
        UUID id = TestProducts.create("Ledger", 100, 1);
        for (int i = 1; i <= 4; i++) {
            adjust(MANAGER, id, "purchase", i, "batch " + i).statusCode(200);
        }
        List<String> notes = allItems(MANAGER, "/api/v1/inventory/" + id + "/transactions", 2, "notes");
        assertEquals(List.of("batch 4", "batch 3", "batch 2", "batch 1", "Opening stock"), notes);
    }

    @Test
    void lowStockListsTrackedProductsBelowTheirReorderPoint() {
        Map<String, Object> lowBody = TestProducts.body("Running low", 100, 2);
        lowBody.put("reorderPoint", 5);
        UUID low = TestProducts.create(lowBody);
        UUID plenty = TestProducts.create("Plenty", 100, 50);
        Map<String, Object> ebook = TestProducts.body("Untracked ebook", 100, 0);
        ebook.put("kind", "digital");
        ebook.put("trackInventory", false);
        UUID untracked = TestProducts.create(ebook);

        List<String> listed = allItems(EMPLOYEE, "/api/v1/inventory/low-stock", 100, "productId");
        assertTrue(listed.contains(low.toString()));
        assertTrue(!listed.contains(plenty.toString()));
        assertTrue(!listed.contains(untracked.toString()));
        assertEquals(listed.stream().sorted().toList(), listed);
    }

    @Test
    void hundredParallelIncrementsAllLand() throws Exception {
        UUID id = TestProducts.create("Parallel", 100, 7);
        List<Integer> statuses = Parallel.times(100, 20, () -> adjustWith(MANAGER, id, Map.of("type", "adjustment", "quantityChange", 1))
                .extract().statusCode());
        assertEquals(Collections.nCopies(100, 200), statuses);
        assertEquals("107", Sql.value("SELECT quantity_on_hand::text FROM inventory WHERE product_id = ?", id));
        assertEquals("100", Sql.value("SELECT count(*) FROM inventory_transactions WHERE product_id = ? AND type = 'adjustment'", id));
        assertEquals(107, ledgerSum(id));
    }

    private static ValidatableResponse adjust(TestAccounts.Account account, UUID id, String type, int change, String notes) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("quantityChange", change);
        body.put("notes", notes);
        return adjustWith(account, id, body);
    }

    private static ValidatableResponse adjustWith(TestAccounts.Account account, UUID id, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/inventory/" + id + "/adjustments").then();
    }

    /** The {@code field} of every item of every page of {@code path}, {@code limit} at a time, following nextCursor. */
    private static List<String> allItems(TestAccounts.Account caller, String path, int limit, String field) {
        List<String> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", caller.bearer()).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(path).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items." + field));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }

    /** On hand is what it was, and the ledger holds the opening row alone. */
    private static void assertStockUnchanged(UUID id, int onHand) {
        assertEquals(String.valueOf(onHand), Sql.value("SELECT quantity_on_hand::text FROM inventory WHERE product_id = ?", id));
        assertEquals(onHand, ledgerSum(id));
        assertEquals("1", Sql.value("SELECT count(*) FROM inventory_transactions WHERE product_id = ?", id));
    }
}
