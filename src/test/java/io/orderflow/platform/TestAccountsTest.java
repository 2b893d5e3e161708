package io.orderflow.platform;

import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The test-support token is accepted by the server like one login issues. */
@QuarkusTest
class TestAccountsTest {

    @Test
    void signedTokenIdentifiesTheCaller() {
        TestAccounts.Account account = TestAccounts.customer();
        given().header("Authorization", account.bearer())
                .when().get("/test/whoami")
                .then().statusCode(200).body("id", equalTo(account.id().toString())).body("role", equalTo("customer"));
    }

    @Test
    void missingTokenIsUnauthorizedProblem() {
        given().when().get("/test/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tamperedTokenIsUnauthorizedProblem() {
        String token = TestAccounts.customer().token();
        given().header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA")
                .when().get("/test/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
