package io.orderflow.cart;

import io.orderflow.support.RedisUnreachable;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(RedisUnreachable.class)
class CartRedisDownTest {

    @Test
    void guestCartCannotBeCreatedWithoutRedis() {
        given().post("/api/v1/cart").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://orderflow.io/problems/service-unavailable"));
    }

    @Test
    void customerCartCannotBeReadWithoutRedis() {
        given().header("Authorization", TestAccounts.customer().bearer()).get("/api/v1/cart").then().statusCode(503)
                .body("type", equalTo("https://orderflow.io/problems/service-unavailable"));
    }
}
