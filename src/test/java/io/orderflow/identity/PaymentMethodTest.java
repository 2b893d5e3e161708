package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.identity.IdentityFixtures.USER_AGENT;
import static io.orderflow.identity.IdentityFixtures.auditRows;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Stored cards: a gateway token goes in, only what the gateway reports is kept, and nobody else's is visible. */
@QuarkusTest
class PaymentMethodTest {

    @Test
    void tokenIsResolvedAndOnlyCardDetailsAreStored() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = add(session, "tok_visa", true);
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/payment-methods/" + id)
                .then().statusCode(200)
                .body("brand", equalTo("visa"))
                .body("last4", equalTo("4242"))
                .body("expMonth", equalTo(12))
                .body("isDefault", equalTo(true))
                .body(not(containsString("pm_")));
        assertThat((String) scalar("SELECT gateway_payment_method_id FROM user_payment_methods WHERE id = ?", UUID.fromString(id)),
                startsWith("pm_visa_"));
    }

    @Test
    void unknownTokenIsABadRequest() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON)
                .body(Map.of("token", "4242424242424242"))
                .when().post("/api/v1/me/payment-methods")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-payment-token"));
        assertEquals(0L, scalar("SELECT count(*) FROM user_payment_methods WHERE user_id = ?", session.id()));
    }

    @Test
    void newDefaultClearsThePreviousOne() {
        IdentityFixtures.Session session = signedInCustomer();
        String visa = add(session, "tok_visa", true);
        String mastercard = add(session, "tok_mastercard", true);
        assertEquals(false, scalar("SELECT is_default FROM user_payment_methods WHERE id = ?", UUID.fromString(visa)));
        assertEquals(true, scalar("SELECT is_default FROM user_payment_methods WHERE id = ?", UUID.fromString(mastercard)));
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/payment-methods")
                .then().statusCode(200).body("items", hasSize(2)).body("items[1].brand", equalTo("mastercard"));
    }

    @Test
    void deleteIsSoft() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = add(session, "tok_amex", false);
        given().header("Authorization", session.bearer()).when().delete("/api/v1/me/payment-methods/" + id)
                .then().statusCode(204);
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/payment-methods")
                .then().statusCode(200).body("items", hasSize(0));
        assertNotNull(scalar("SELECT deleted_at FROM user_payment_methods WHERE id = ?", UUID.fromString(id)));
    }

    @Test
    void anotherUsersPaymentMethodIsNotFound() {
        IdentityFixtures.Session owner = signedInCustomer();
        IdentityFixtures.Session other = signedInCustomer();
        String id = add(owner, "tok_visa", true);
        given().header("Authorization", other.bearer()).when().get("/api/v1/me/payment-methods/" + id)
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().header("Authorization", other.bearer()).when().delete("/api/v1/me/payment-methods/" + id)
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().header("Authorization", other.bearer()).when().get("/api/v1/me/payment-methods")
                .then().statusCode(200).body("items", hasSize(0));
        assertEquals(null, scalar("SELECT deleted_at FROM user_payment_methods WHERE id = ?", UUID.fromString(id)));
    }

    @Test
    void addAndDeleteWriteAuditRows() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = add(session, "tok_visa", false);
        given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT)
                .when().delete("/api/v1/me/payment-methods/" + id).then().statusCode(204);
        List<IdentityFixtures.AuditRow> rows = auditRows("payment_method", UUID.fromString(id));
        assertEquals(List.of("create", "delete"), rows.stream().map(IdentityFixtures.AuditRow::action).toList());
        rows.forEach(row -> {
            assertEquals(session.id(), row.userId());
            assertEquals("127.0.0.1", row.ip());
            assertEquals(USER_AGENT, row.userAgent());
        });
    }

    private static String add(IdentityFixtures.Session session, String token, boolean isDefault) {
        return given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT)
                .contentType(ContentType.JSON).body(Map.of("token", token, "isDefault", isDefault))
                .when().post("/api/v1/me/payment-methods")
                .then().statusCode(201)
                .extract().path("id");
    }
}
