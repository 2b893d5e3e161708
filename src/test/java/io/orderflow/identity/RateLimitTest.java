package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static io.orderflow.identity.IdentityFixtures.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The limits answer 429 with Retry-After and let the caller in again once the window has
 * slid past. Every test here calls from 127.0.0.1, so per-IP tests only count on reaching
 * the limit within its permits plus one (earlier tests may have used part of the window).
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    static final int PERMITS = 3;

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "orderflow.rate-limit.login-per-email.permits", Integer.toString(PERMITS),
                    "orderflow.rate-limit.login-per-email.window", "2s",
                    "orderflow.rate-limit.login-per-ip.permits", Integer.toString(PERMITS * 3),
                    "orderflow.rate-limit.login-per-ip.window", "2s",
                    "orderflow.rate-limit.register-per-ip.permits", Integer.toString(PERMITS),
                    "orderflow.rate-limit.register-per-ip.window", "2s",
                    "orderflow.rate-limit.writes-per-user.permits", Integer.toString(PERMITS),
                    "orderflow.rate-limit.writes-per-user.window", "2s");
        }
    }

    @Test
    void loginAttemptsPerEmailOverTheLimitAnswer429WithRetryAfter() {
        String email = uniqueEmail();
        for (int i = 0; i < PERMITS; i++) {
            login(email).then().statusCode(401);
        }
        Response limited = login(email);
        limited.then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        assertThat(Integer.parseInt(limited.header("Retry-After")), allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(2)));
    }

    @Test
    void loginLimitResetsAfterTheWindow() throws InterruptedException {
        String email = uniqueEmail();
        for (int i = 0; i < PERMITS; i++) {
            login(email).then().statusCode(401);
        }
        Response limited = login(email).then().statusCode(429).extract().response();
        Thread.sleep(Long.parseLong(limited.header("Retry-After")) * 1000 + 100);
        login(email).then().statusCode(401).body("type", equalTo(Problem.TYPE_BASE + "invalid-credentials"));
    }

    @Test
    void loginAttemptsPerIpAreLimitedAcrossEmails() {
        assertEquals(429, firstStatusOtherThan(401, PERMITS * 3 + 1, () -> login(uniqueEmail())));
    }

    @Test
    void registrationsPerIpAreLimited() {
        assertEquals(429, firstStatusOtherThan(201, PERMITS + 1, () -> given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", IdentityFixtures.PASSWORD, "firstName", "Ada", "lastName", "Lovelace"))
                .when().post("/api/v1/auth/register")));
    }

    @Test
    void writesPerUserAreLimited() {
        TestAccounts.Account account = TestAccounts.customer();
        for (int i = 0; i < PERMITS; i++) {
            patchMe(account).then().statusCode(200);
        }
        patchMe(account).then().statusCode(429).header("Retry-After", notNullValue())
                .body("type", equalTo(Problem.TYPE_BASE + "rate-limited"));
        given().header("Authorization", account.bearer()).when().get("/api/v1/me").then().statusCode(200);
    }

    private static Response patchMe(TestAccounts.Account account) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Busy")).when().patch("/api/v1/me");
    }

    private static Response login(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong password here"))
                .when().post("/api/v1/auth/login");
    }

    /** Sends up to {@code attempts} requests and answers the first status that isn't {@code expected} (or it). */
    private static int firstStatusOtherThan(int expected, int attempts, Supplier<Response> request) {
        for (int i = 0; i < attempts; i++) {
            int status = request.get().statusCode();
            if (status != expected) {
                return status;
            }
        }
        return expected;
    }
}
