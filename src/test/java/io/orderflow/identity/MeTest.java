package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.orderflow.identity.IdentityFixtures.USER_AGENT;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The caller's own profile: read it, change names and phone, nothing else. */
@QuarkusTest
class MeTest {

    @Test
    void meAnswersTheSignedInUser() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("id", equalTo(session.id().toString()))
                .body("email", equalTo(session.email()))
                .body("firstName", equalTo("Ada"))
                .body("role", equalTo("customer"));
    }

    @Test
    void patchChangesNamesAndPhoneAndKeepsOmittedFields() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON)
                .body(Map.of("lastName", "Byron", "phone", "+1 555 0100"))
                .when().patch("/api/v1/me")
                .then().statusCode(200)
                .body("firstName", equalTo("Ada"))
                .body("lastName", equalTo("Byron"))
                .body("phone", equalTo("+1 555 0100"));
        assertEquals("Byron", scalar("SELECT last_name FROM users WHERE id = ?", session.id()));
    }

    @Test
    void patchIgnoresRoleEmailAndActive() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Eve", "role", "admin", "email", "eve@example.com", "active", false))
                .when().patch("/api/v1/me")
                .then().statusCode(200)
                .body("firstName", equalTo("Eve"))
                .body("role", equalTo("customer"))
                .body("email", equalTo(session.email()))
                .body("active", equalTo(true));
        assertEquals("customer", scalar("SELECT role FROM users WHERE id = ?", session.id()));
        assertEquals(session.email(), scalar("SELECT email FROM users WHERE id = ?", session.id()));
    }

    @Test
    void blankNameIsAValidationProblem() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "  "))
                .when().patch("/api/v1/me")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("firstName"));
    }

    @Test
    void patchWritesAuditRowWithOldAndNewValues() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Grace"))
                .when().patch("/api/v1/me")
                .then().statusCode(200);
        IdentityFixtures.AuditRow update = IdentityFixtures.auditRows("user", session.id()).stream()
                .filter(row -> row.action().equals("update")).findFirst().orElseThrow();
        assertEquals(session.id(), update.userId());
        assertEquals("127.0.0.1", update.ip());
        assertEquals(USER_AGENT, update.userAgent());
        assertThat(update.oldValues(), containsString("\"firstName\": \"Ada\""));
        assertThat(update.newValues(), containsString("\"firstName\": \"Grace\""));
    }
}
