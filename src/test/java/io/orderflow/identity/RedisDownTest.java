package io.orderflow.identity;

import io.orderflow.support.RedisUnreachable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Without Redis, accounts still work: rate limits and the deny-list fail open and say so in the metrics. */
@QuarkusTest
@TestProfile(RedisUnreachable.class)
class RedisDownTest {

    @Test
    void registerLoginAndAuthenticatedCallsWorkWithoutRedis() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).when().get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo(session.id().toString()));
    }

    @Test
    void failOpenIsCountedInMetrics() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).when().get("/api/v1/me").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("orderflow_redis_fail_open_total{use=\"rate-limit\"}"))
                .body(containsString("orderflow_redis_fail_open_total{use=\"deny-list\"}"));
    }
}
