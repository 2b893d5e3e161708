package io.orderflow.catalog;

import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Poll;
import io.orderflow.support.Sql;
import io.orderflow.support.TestProducts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Another instance's product write reaches this one's near cache and first pages through the change channel.
 * The near cache's max-age (the first pages' lifetime too) is a minute here, so only the message can explain
 * a change seen in seconds.
 */
@QuarkusTest
@TestProfile(ProductChangesTest.SlowRevalidation.class)
class ProductChangesTest {

    public static class SlowRevalidation extends ConfigOverrides {
        public SlowRevalidation() {
            super(Map.of("orderflow.catalog.near-cache.max-age", "60S"));
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void changeMessageFromAnotherInstanceEvictsThePage() {
        UUID id = TestProducts.create("Seen here", 1000, 5);
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Seen here"));
        // What the other instance's PATCH does: the row, then the Redis entry...
        Sql.update("UPDATE products SET name = 'Changed there' WHERE id = ?", id);
        redis.key().del(ProductCache.productKey(id));
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Seen here"));
        // ...then its message, after one this instance must shrug off.
        redis.pubsub(String.class).publish(ProductChanges.CHANNEL, "not-a-product-id");
        redis.pubsub(String.class).publish(ProductChanges.CHANNEL, id.toString());
        Poll.until(Duration.ofSeconds(5), "the page evicted by the message", () -> "Changed there".equals(
                given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().path("name")));
    }

    @Test
    void changeMessageFromAnotherInstanceDropsTheFirstPages() {
        Map<String, Object> body = TestProducts.body("Listed here", 1000, 5);
        body.put("category", "changes-" + UUID.randomUUID().toString().substring(0, 8));
        UUID id = TestProducts.create(body);
        given().queryParam("category", body.get("category")).when().get("/api/v1/products")
                .then().statusCode(200).body("items[0].name", equalTo("Listed here"));
        Sql.update("UPDATE products SET name = 'Renamed there' WHERE id = ?", id);
        given().queryParam("category", body.get("category")).when().get("/api/v1/products")
                .then().statusCode(200).body("items[0].name", equalTo("Listed here"));
        redis.pubsub(String.class).publish(ProductChanges.CHANNEL, id.toString());
        Poll.until(Duration.ofSeconds(5), "the first page dropped by the message", () -> "Renamed there".equals(
                given().queryParam("category", body.get("category")).when().get("/api/v1/products")
                        .then().statusCode(200).extract().path("items[0].name")));
    }
}
