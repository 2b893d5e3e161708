package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Management;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.orderflow.identity.IdentityFixtures.uniqueEmail;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits answer 429 with Retry-After and let the caller in again once the window has slid past. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    static final int PERMITS = 3;
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** Low limits, and X-Forwarded-For trusted so that each test can call from an address of its own. */
    public static class LowLimits extends ConfigOverrides {
        public LowLimits() {
            super(Map.ofEntries(
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("orderflow.rate-limit.login-per-ip.permits", Integer.toString(PERMITS)),
                    Map.entry("orderflow.rate-limit.login-per-ip.window", WINDOW.toString()),
                    Map.entry("orderflow.rate-limit.register-per-ip.permits", Integer.toString(PERMITS)),
                    Map.entry("orderflow.rate-limit.register-per-ip.window", WINDOW.toString()),
                    Map.entry("orderflow.rate-limit.writes-per-user.permits", Integer.toString(PERMITS)),
                    Map.entry("orderflow.rate-limit.writes-per-user.window", WINDOW.toString()),
                    Map.entry("orderflow.cart.guest-writes-per-ip.permits", Integer.toString(PERMITS)),
                    Map.entry("orderflow.cart.guest-writes-per-ip.window", WINDOW.toString())));
        }
    }

    private final String ip = "10." + random(256) + "." + random(256) + "." + (1 + random(254));

    @Test
    void loginAttemptsPerIpOverTheLimitAnswer429WithRetryAfter() {
        for (int i = 0; i < PERMITS; i++) {
            login(uniqueEmail()).then().statusCode(401);
        }
        Response limited = login(uniqueEmail());
        limited.then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        assertThat(Long.parseLong(limited.header("Retry-After")),
                allOf(greaterThanOrEqualTo(1L), lessThanOrEqualTo(WINDOW.toSeconds())));
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("orderflow_rate_limit_hits_total{instance=\"test\",limit=\"login-ip\"}"));
    }

    @Test
    void guestCartWritesPerIpOverTheLimitAnswer429AndChangeNothing() {
        String cart = given().header("X-Forwarded-For", ip).when().post("/api/v1/cart")
                .then().statusCode(201).extract().path("cartId");
        UUID product = TestProducts.stocked(5, 100);
        for (int i = 1; i < PERMITS; i++) {
            guestPut(cart, product, i).then().statusCode(200);
        }

        guestPut(cart, product, 9).then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        given().header("X-Forwarded-For", ip).when().post("/api/v1/cart").then().statusCode(429);

        given().header("X-Cart-Id", cart).when().get("/api/v1/cart")
                .then().statusCode(200).body("items[0].quantity", equalTo(PERMITS - 1));
    }

    private Response guestPut(String cart, UUID product, int quantity) {
        return given().header("X-Forwarded-For", ip).header("X-Cart-Id", cart).contentType(ContentType.JSON)
                .body(Map.of("quantity", quantity))
                .when().put("/api/v1/cart/items/" + product);
    }

    @Test
    void loginLimitResetsAfterTheWindow() throws InterruptedException {
        for (int i = 0; i < PERMITS; i++) {
            login(uniqueEmail()).then().statusCode(401);
        }
        Response limited = login(uniqueEmail()).then().statusCode(429).extract().response();
        Thread.sleep(Long.parseLong(limited.header("Retry-After")) * 1000 + 200);
        login(uniqueEmail()).then().statusCode(401).body("type", equalTo(Problem.TYPE_BASE + "invalid-credentials"));
    }

    /** A proxy forwards an IPv6 client bracketed; every address of one /64 counts as one client, another /64 does not. */
    @Test
    void ipv6LoginAttemptsAreCountedByTheirSlash64() {
        String prefix = "2001:db8:" + Integer.toHexString(random(0xffff)) + ":" + Integer.toHexString(random(0xffff)) + ":";
        for (int i = 0; i < PERMITS; i++) {
            loginFrom("[" + prefix + "0:0:0:" + Integer.toHexString(i + 1) + "]", uniqueEmail()).then().statusCode(401);
        }
        loginFrom("[" + prefix + "ffff:ffff:ffff:ffff]", uniqueEmail()).then().statusCode(429)
                .body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        loginFrom("[2001:db8:ffff:" + Integer.toHexString(random(0xffff)) + "::1]", uniqueEmail()).then().statusCode(401);
    }

    @Test
    void registrationsPerIpAreLimited() {
        for (int i = 0; i < PERMITS; i++) {
            register(uniqueEmail()).then().statusCode(201);
        }
        String email = uniqueEmail();
        register(email).then().statusCode(429).body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        assertEquals(0L, scalar("SELECT count(*) FROM users WHERE email = ?", email));
    }

    @Test
    void writesPerUserAreLimitedButReadsAreNot() {
        TestAccounts.Account account = TestAccounts.customer();
        for (int i = 0; i < PERMITS; i++) {
            patchMe(account).then().statusCode(200);
        }
        patchMe(account).then().statusCode(429).body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        given().header("Authorization", account.bearer()).when().get("/api/v1/me").then().statusCode(200);
    }

    private Response login(String email) {
        return loginFrom(ip, email);
    }

    private static Response loginFrom(String address, String email) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "wrong password here"))
                .when().post("/api/v1/auth/login");
    }

    private Response register(String email) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", IdentityFixtures.PASSWORD, "firstName", "Ada", "lastName", "Lovelace"))
                .when().post("/api/v1/auth/register");
    }

    private Response patchMe(TestAccounts.Account account) {
        return given().header("X-Forwarded-For", ip).header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Busy")).when().patch("/api/v1/me");
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
