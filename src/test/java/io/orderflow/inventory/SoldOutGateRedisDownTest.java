package io.orderflow.inventory;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Management;
import io.orderflow.support.RedisUnreachable;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.matchesRegex;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without Redis the gate fails open: PostgreSQL answers every buyer, and the skipped checks are counted. */
@QuarkusTest
@TestProfile(RedisUnreachable.class)
class SoldOutGateRedisDownTest {

    @Test
    void checkoutAndTheSellOutStillWorkAndTheSkippedGateIsCounted() {
        UUID product = TestProducts.stocked(1, 100);
        Account first = TestAccounts.customer();
        Account second = TestAccounts.customer();

        ExtractableResponse<Response> bought = Checkouts.buy(first, product, 1, first.visaCardId());
        ExtractableResponse<Response> refused = Checkouts.buy(second, product, 1, second.visaCardId());

        assertEquals(201, bought.statusCode(), bought.asString());
        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("https://orderflow.io/problems/out-of-stock", refused.path("type"));
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesRegex("(?s).*orderflow_redis_fail_open_total\\{instance=\"test\",use=\"sold-out-gate\"\\} [1-9].*"));
        Invariants.assertHold();
    }
}
