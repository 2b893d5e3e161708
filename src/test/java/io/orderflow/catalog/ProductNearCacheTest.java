package io.orderflow.catalog;

import io.orderflow.support.Metrics;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public product reads from the in-process near cache: what it spares, and what it must never hide. */
@QuarkusTest
class ProductNearCacheTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");
    private static final String REDIS_HITS = "orderflow_cache_requests_total{instance=\"test\",result=\"hit\"}";
    private static final String REDIS_MISSES = "orderflow_cache_requests_total{instance=\"test\",result=\"miss\"}";
    private static final String NEAR_HITS = "orderflow_near_cache_requests_total{instance=\"test\",result=\"hit\"}";

    @Test
    void repeatedReadsNeitherAskRedisNorRenderAgain() {
        UUID id = TestProducts.create("Near", 1000, 5);
        String first = read(id).asString();
        double redisBefore = Metrics.value(REDIS_HITS) + Metrics.value(REDIS_MISSES);
        double nearBefore = Metrics.value(NEAR_HITS);
        for (int i = 0; i < 5; i++) {
            assertEquals(first, read(id).asString());
        }
        assertEquals(redisBefore, Metrics.value(REDIS_HITS) + Metrics.value(REDIS_MISSES), "Redis lookups");
        assertEquals(nearBefore + 5, Metrics.value(NEAR_HITS), "near-cache hits");
    }

    @Test
    void notModifiedIsAnsweredFromTheNearCache() {
        UUID id = TestProducts.create("Near 304", 1000, 5);
        String etag = read(id).header("ETag");
        double nearBefore = Metrics.value(NEAR_HITS);
        given().header("If-None-Match", etag).when().get("/api/v1/products/" + id)
                .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        assertEquals(nearBefore + 1, Metrics.value(NEAR_HITS));
    }

    @Test
    void staffWriteIsVisibleAtOnceWithANewEtag() {
        UUID id = TestProducts.create("Before the write", 1000, 5);
        String publicEtag = read(id).header("ETag");
        String staffEtag = given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(Map.of("name", "After the write"))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);
        given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("name", equalTo("After the write")).header("ETag", not(equalTo(staffEtag)));
        given().header("If-None-Match", publicEtag).when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("name", equalTo("After the write")).header("ETag", not(equalTo(publicEtag)));
    }

    @Test
    void retiredProductLeavesTheNearCacheAtOnce() {
        UUID id = TestProducts.create("Retire me", 1000, 5);
        read(id);
        given().header("Authorization", MANAGER.bearer()).when().delete("/api/v1/products/" + id).then().statusCode(204);
        given().when().get("/api/v1/products/" + id).then().statusCode(404);
    }

    @Test
    void stockChangeIsShownWithinOneSecond() {
        UUID id = TestProducts.create("Selling", 1000, 30);
        String before = read(id).header("ETag");
        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "adjustment", "quantityChange", -10))
                .when().post("/api/v1/inventory/" + id + "/adjustments").then().statusCode(200);
        long committed = System.nanoTime();
        long sent;
        ExtractableResponse<Response> seen;
        do {
            sent = System.nanoTime();
            seen = read(id);
        } while (seen.jsonPath().getInt("availability.available") == 30 && sent - committed < 3_000_000_000L);
        assertEquals(20, seen.jsonPath().getInt("availability.available"));
        assertNotEquals(before, seen.header("ETag"));
        // The first read sent more than max-age after the commit must show it; polling adds a read's time.
        assertTrue(sent - committed <= 1_200_000_000L, "shown " + (sent - committed) / 1_000_000 + " ms after the commit");
    }

    private static ExtractableResponse<Response> read(UUID id) {
        return given().when().get("/api/v1/products/" + id).then().statusCode(200).extract();
    }
}
