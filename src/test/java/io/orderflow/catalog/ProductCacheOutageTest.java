package io.orderflow.catalog;

import io.orderflow.support.Management;
import io.orderflow.support.Metrics;
import io.orderflow.support.RedisUnreachable;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With Redis unreachable the catalog still answers, from PostgreSQL, and counts the cache errors. */
@QuarkusTest
@TestProfile(RedisUnreachable.class)
class ProductCacheOutageTest {

    private static final String FAILED_OPEN = "orderflow_redis_fail_open_total{instance=\"test\",use=\"product-cache\"}";

    @Test
    void productReadsAndWritesWorkWithoutRedis() {
        UUID id = TestProducts.create("No redis", 1000, 5);
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("No redis"));
        given().header("Authorization", TestAccounts.staff("manager").bearer()).contentType("application/json")
                .body(Map.of("name", "Still no redis"))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Still no redis"));
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*orderflow_cache_requests_total\\{instance=\"test\",result=\"error\"\\} [1-9][0-9]*\\.0.*"));
    }

    @Test
    void repeatedReadsAreServedFromTheNearCacheWithoutTryingRedis() {
        UUID id = TestProducts.create("Near, no redis", 1000, 5);
        given().when().get("/api/v1/products/" + id).then().statusCode(200);
        double failedOpen = Metrics.value(FAILED_OPEN);
        for (int i = 0; i < 3; i++) {
            given().when().get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Near, no redis"));
        }
        assertEquals(failedOpen, Metrics.value(FAILED_OPEN));
    }
}
