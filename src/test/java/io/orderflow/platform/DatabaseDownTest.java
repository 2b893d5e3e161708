package io.orderflow.platform;

import io.orderflow.support.DatabaseUnreachable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** With PostgreSQL unreachable, what needs it answers 503 with Retry-After: a client retries, no 500. */
@QuarkusTest
@TestProfile(DatabaseUnreachable.class)
class DatabaseDownTest {

    @Test
    void productListIsServiceUnavailable() {
        given().when().get("/api/v1/products")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "service-unavailable"))
                .body("instance", equalTo("/api/v1/products"))
                .body("requestId", notNullValue());
    }

    @Test
    void productNotCachedIsServiceUnavailable() {
        given().when().get("/api/v1/products/" + UUID.randomUUID())
                .then().statusCode(503)
                .header("Retry-After", "1")
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "service-unavailable"));
    }
}
