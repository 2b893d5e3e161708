package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.Management;
import io.orderflow.support.RedisUnreachable;
import io.orderflow.support.TestAccounts;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

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
    void deactivationIsEnforcedWithoutRedis() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", TestAccounts.staff(Roles.ADMIN).bearer()).contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .when().patch("/api/v1/admin/users/" + session.id())
                .then().statusCode(200);
        given().header("Authorization", session.bearer()).when().get("/api/v1/me")
                .then().statusCode(401).body("type", equalTo(Problem.TYPE_BASE + "stale-token"));
    }

    @Test
    void failOpenIsCountedInMetrics() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).when().get("/api/v1/me").then().statusCode(200);
        Management.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("orderflow_redis_fail_open_total{instance=\"test\",use=\"rate-limit\"}"))
                .body(containsString("orderflow_redis_fail_open_total{instance=\"test\",use=\"deny-list\"}"));
    }
}
