package io.orderflow.catalog;

import io.orderflow.support.Metrics;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First pages of public listings from memory: what they spare, and that no write or sale hides behind them. */
@QuarkusTest
class FirstPageCacheTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");
    private static final String HITS = "orderflow_first_page_cache_requests_total{instance=\"test\",result=\"hit\"}";

    @Test
    void aRepeatedFirstPageIsServedFromMemoryButLaterPagesAreNot() {
        String category = newCategory();
        UUID first = create("Listed one", category, 5);
        create("Listed two", category, 5);
        JsonPath page = list(category, null);
        double hits = Metrics.value(HITS);
        assertEquals(page.getList("items.id"), list(category, null).getList("items.id"));
        assertEquals(hits + 1, Metrics.value(HITS), "the second first-page read is a hit");

        String next = given().queryParam("category", category).queryParam("limit", 1).when().get("/api/v1/products")
                .then().statusCode(200).extract().path("nextCursor");
        double before = Metrics.value(HITS) + Metrics.value(HITS.replace("hit", "miss"));
        assertEquals(List.of(first.toString()), list(category, next).getList("items.id"), "newest first, then the older one");
        assertEquals(before, Metrics.value(HITS) + Metrics.value(HITS.replace("hit", "miss")), "a cursor page never asks the cache");
    }

    @Test
    void aCreatedOrChangedProductIsListedAtOnce() {
        String category = newCategory();
        UUID id = create("Before the write", category, 5);
        assertEquals(List.of("Before the write"), list(category, null).getList("items.name"));

        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(Map.of("name", "After the write"))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);
        assertEquals(List.of("After the write"), list(category, null).getList("items.name"));

        create("Brand new", category, 5);
        assertEquals(List.of("Brand new", "After the write"), list(category, null).getList("items.name"));
    }

    @Test
    void availabilityInAListingIsAtMostASecondOld() {
        String category = newCategory();
        UUID id = create("Selling", category, 30);
        assertEquals(30, list(category, null).getInt("items[0].availability.available"));
        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "adjustment", "quantityChange", -10))
                .when().post("/api/v1/inventory/" + id + "/adjustments").then().statusCode(200);
        long committed = System.nanoTime();
        long sent;
        int shown;
        do {
            sent = System.nanoTime();
            shown = list(category, null).getInt("items[0].availability.available");
        } while (shown == 30 && sent - committed < 3_000_000_000L);
        assertEquals(20, shown);
        // The first read sent more than max-age (1 s) after the commit must show it; polling adds a read's time.
        assertTrue(sent - committed <= 1_200_000_000L, "shown " + (sent - committed) / 1_000_000 + " ms after the commit");
    }

    private static JsonPath list(String category, String cursor) {
        var request = given().queryParam("category", category);
        if (cursor != null) {
            request.queryParam("cursor", cursor).queryParam("limit", 1);
        }
        return request.when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
    }

    private static UUID create(String name, String category, int stock) {
        Map<String, Object> body = TestProducts.body(name, 1000, stock);
        body.put("category", category);
        return TestProducts.create(body);
    }

    private static String newCategory() {
        return "first-page-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
