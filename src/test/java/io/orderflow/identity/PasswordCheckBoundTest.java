package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.orderflow.identity.IdentityFixtures.PASSWORD;
import static io.orderflow.identity.IdentityFixtures.register;
import static io.orderflow.identity.IdentityFixtures.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** bcrypt runs at most max-concurrent at once; a login finding no free slot answers 503 at once instead of queueing on a worker. */
@QuarkusTest
@TestProfile(PasswordCheckBoundTest.OneCheckAtATime.class)
class PasswordCheckBoundTest {

    static final int FLOOD = 24;

    /** One bcrypt at a time and no waiting for a slot, so any overlap shows. */
    public static class OneCheckAtATime extends ConfigOverrides {
        public OneCheckAtATime() {
            super(Map.of(
                    "orderflow.identity.password-checks.max-concurrent", "1",
                    "orderflow.identity.password-checks.max-wait", "0S"));
        }
    }

    @Test
    void loginsBeyondTheBoundAnswer503PasswordChecksBusy() throws Exception {
        List<Response> answers = Parallel.times(FLOOD, () -> login(uniqueEmail(), "wrong password"));

        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertThat(statuses, everyItem(isOneOf(401, 503)));
        List<Response> busy = answers.stream().filter(answer -> answer.statusCode() == 503).toList();
        assertThat(busy.size(), greaterThan(0));
        assertThat(statuses.stream().filter(status -> status == 401).count(), greaterThan(0L));
        for (Response answer : busy) {
            answer.then().contentType(Problem.MEDIA_TYPE)
                    .body("type", is(Problem.TYPE_BASE + "password-checks-busy"))
                    .header("Retry-After", is("1"));
        }
    }

    @Test
    void slotsComeBackAfterAFlood() throws Exception {
        Parallel.times(FLOOD, () -> login(uniqueEmail(), "wrong password"));
        String email = uniqueEmail();
        register(email);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, login(email, PASSWORD).statusCode());
        }
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }
}
