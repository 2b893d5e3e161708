package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.count;
import static io.orderflow.support.Sql.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A refresh token spent again within its grace (a client retrying a lost answer) keeps the session; later reuse ends it. */
@QuarkusTest
class RefreshGraceTest {

    @Test
    void aRetriedRefreshWithinTheGraceAnswersAnotherPairOfTheSameSession() {
        IdentityFixtures.Session session = signedInCustomer();
        JsonPath lost = refresh(session.refreshToken()).then().statusCode(200).extract().jsonPath();
        JsonPath retried = refresh(session.refreshToken()).then().statusCode(200).extract().jsonPath();

        assertThat(retried.getString("refreshToken"), not(equalTo(lost.getString("refreshToken"))));
        assertEquals(1L, count("SELECT count(DISTINCT family_id) FROM refresh_tokens WHERE user_id = ?", session.id()));
        given().header("Authorization", "Bearer " + retried.getString("accessToken")).when().get("/api/v1/me")
                .then().statusCode(200);
        refresh(retried.getString("refreshToken")).then().statusCode(200);
        assertEquals(0L, count("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NOT NULL", session.id()));
    }

    @Test
    void aThirdUseWithinTheGraceRevokesTheWholeFamily() {
        IdentityFixtures.Session session = signedInCustomer();
        refresh(session.refreshToken()).then().statusCode(200);
        String retried = refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");

        refresh(session.refreshToken()).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-refresh-token"));
        refresh(retried).then().statusCode(401);
        assertEquals(0L, count("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL", session.id()));
    }

    @Test
    void reuseAfterTheGraceRevokesTheWholeFamily() {
        IdentityFixtures.Session session = signedInCustomer();
        String next = refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        update("UPDATE refresh_tokens SET used_at = now() - interval '11 seconds' WHERE token_hash = ?",
                RefreshTokens.hash(session.refreshToken()));

        refresh(session.refreshToken()).then().statusCode(401)
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-refresh-token"));
        refresh(next).then().statusCode(401);
        assertEquals(0L, count("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL", session.id()));
    }

    @Test
    void theGraceUseIsRecordedOnTheSpentToken() {
        IdentityFixtures.Session session = signedInCustomer();
        refresh(session.refreshToken()).then().statusCode(200);
        String hash = RefreshTokens.hash(session.refreshToken());
        assertEquals(0L, count("SELECT count(*) FROM refresh_tokens WHERE token_hash = ? AND grace_used_at IS NOT NULL", hash));
        refresh(session.refreshToken()).then().statusCode(200);
        assertEquals(1L, count("SELECT count(*) FROM refresh_tokens WHERE token_hash = ? AND grace_used_at >= used_at", hash));
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh");
    }
}
