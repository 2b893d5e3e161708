package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.support.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.orderflow.identity.IdentityFixtures.PASSWORD;
import static io.orderflow.identity.IdentityFixtures.register;
import static io.orderflow.identity.IdentityFixtures.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Failed logins slow down the address they come from for that email, doubling the wait each time,
 * and never lock the account's owner out from elsewhere.
 */
@QuarkusTest
@TestProfile(LoginLockoutTest.QuickBackoff.class)
class LoginLockoutTest {

    static final int FREE_FAILURES = 2;

    /** Two free failures and a 1 s first wait; X-Forwarded-For trusted so each test calls from addresses of its own. */
    public static class QuickBackoff extends ConfigOverrides {
        public QuickBackoff() {
            super(Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "orderflow.identity.login-backoff.free-failures", Integer.toString(FREE_FAILURES),
                    "orderflow.identity.login-backoff.initial-wait", "1S",
                    "orderflow.identity.login-backoff.max-wait", "1M"));
        }
    }

    private final String attacker = randomAddress();
    private final String owner = randomAddress();

    @Test
    void theOwnerSignsInFromElsewhereWhileAnAttackersAddressIsBackedOff() {
        String email = uniqueEmail();
        register(email);
        for (int i = 0; i < 12; i++) {
            login(attacker, email, "wrong password " + i);
        }
        backedOff(login(attacker, email, "wrong password again"));

        login(owner, email, PASSWORD).then().statusCode(200);
    }

    @Test
    void whileBackedOffEvenTheRightPasswordIsNotChecked() {
        String email = uniqueEmail();
        register(email);
        failFreely(attacker, email);
        login(attacker, email, "wrong password").then().statusCode(401);

        backedOff(login(attacker, email, PASSWORD));
    }

    @Test
    void eachFailurePastTheFreeOnesDoublesTheWait() throws InterruptedException {
        String email = uniqueEmail();
        failFreely(attacker, email);
        for (long wait = 1; wait <= 4; wait *= 2) {
            login(attacker, email, "wrong password").then().statusCode(401)
                    .body("type", equalTo(Problem.TYPE_BASE + "invalid-credentials"));
            Response refused = login(attacker, email, "wrong password");
            backedOff(refused).header("Retry-After", equalTo(Long.toString(wait)));
            Thread.sleep(wait * 1000 + 150);
        }
    }

    @Test
    void aSuccessForgetsTheFailures() {
        String email = uniqueEmail();
        register(email);
        failFreely(attacker, email);
        login(attacker, email, PASSWORD).then().statusCode(200);

        failFreely(attacker, email);
        login(attacker, email, PASSWORD).then().statusCode(200);
    }

    @Test
    void otherEmailsFromABackedOffAddressAreNotHeld() {
        String email = uniqueEmail();
        failFreely(attacker, email);
        login(attacker, email, "wrong password").then().statusCode(401);
        backedOff(login(attacker, email, "wrong password"));

        String other = uniqueEmail();
        register(other);
        login(attacker, other, PASSWORD).then().statusCode(200);
    }

    private static void failFreely(String address, String email) {
        for (int i = 0; i < FREE_FAILURES; i++) {
            login(address, email, "wrong password").then().statusCode(401);
        }
    }

    private static ValidatableResponse backedOff(Response response) {
        return response.then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "login-backoff"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    private static Response login(String address, String email, String password) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
