package io.orderflow.catalog;

import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProductCacheTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");

    @Inject
    RedisDataSource redis;

    @Test
    void readFillsTheCacheWithATtl() {
        UUID id = TestProducts.create("Cached", 1000, 5);
        given().when().get("/api/v1/products/" + id).then().statusCode(200);
        long ttl = redis.key().ttl(ProductCache.productKey(id));
        assertTrue(ttl > 0 && ttl <= 600, "ttl " + ttl);
    }

    /** As staff, whose views skip the near cache (its revalidation would notice the rename). */
    @Test
    void cachedReadDoesNotGoToTheDatabase() throws SQLException {
        UUID id = TestProducts.create("Before", 1000, 5);
        given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("name", equalTo("Before"));
        renameBehindTheCachesBack(id, "Changed in the database only");
        given().header("Authorization", MANAGER.bearer()).when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("name", equalTo("Before"));
    }

    @Test
    void patchEvictsTheCachedProduct() {
        UUID id = TestProducts.create("Evict me", 1000, 5);
        String slug = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().path("slug");
        given().when().get("/api/v1/products/by-slug/" + slug).then().statusCode(200).body("priceCents", equalTo(1000));
        given().header("Authorization", MANAGER.bearer()).contentType("application/json").body(Map.of("priceCents", 1234))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);
        assertFalse(redis.key().exists(ProductCache.productKey(id)));
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("priceCents", equalTo(1234));
        given().when().get("/api/v1/products/by-slug/" + slug).then().statusCode(200).body("priceCents", equalTo(1234));
    }

    @Test
    void deleteEvictsTheCachedProduct() {
        UUID id = TestProducts.create("Evict on delete", 1000, 5);
        given().when().get("/api/v1/products/" + id).then().statusCode(200);
        given().header("Authorization", MANAGER.bearer()).when().delete("/api/v1/products/" + id).then().statusCode(204);
        given().when().get("/api/v1/products/" + id).then().statusCode(404);
    }

    private static void renameBehindTheCachesBack(UUID id, String name) throws SQLException {
        try (Connection c = OwnerDatabase.owner(); PreparedStatement s = c.prepareStatement("UPDATE products SET name = ? WHERE id = ?")) {
            s.setString(1, name);
            s.setObject(2, id);
            assertEquals(1, s.executeUpdate());
        }
    }
}
