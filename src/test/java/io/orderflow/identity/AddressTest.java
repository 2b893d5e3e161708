package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.identity.IdentityFixtures.USER_AGENT;
import static io.orderflow.identity.IdentityFixtures.auditRows;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The caller's addresses: CRUD, one default per type, and nobody else's. */
@QuarkusTest
class AddressTest {

    @Test
    void createdAddressIsListedAndReadable() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = create(session, address("shipping", true));
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/addresses")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].isDefault", equalTo(true))
                .body("nextCursor", nullValue());
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/addresses/" + id)
                .then().statusCode(200).body("city", equalTo("Springfield")).body("country", equalTo("US"));
    }

    @Test
    void listPagesWithCursor() {
        IdentityFixtures.Session session = signedInCustomer();
        String first = create(session, address("shipping", false));
        String second = create(session, address("billing", false));
        String cursor = given().header("Authorization", session.bearer()).when().get("/api/v1/me/addresses?limit=1")
                .then().statusCode(200).body("items[0].id", equalTo(first)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().header("Authorization", session.bearer()).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/me/addresses")
                .then().statusCode(200).body("items[0].id", equalTo(second)).body("nextCursor", nullValue());
    }

    @Test
    void newDefaultClearsThePreviousDefaultOfThatTypeOnly() {
        IdentityFixtures.Session session = signedInCustomer();
        String oldShipping = create(session, address("shipping", true));
        String billing = create(session, address("billing", true));
        String newShipping = create(session, address("shipping", true));
        assertEquals(false, scalar("SELECT is_default FROM user_addresses WHERE id = ?", UUID.fromString(oldShipping)));
        assertEquals(true, scalar("SELECT is_default FROM user_addresses WHERE id = ?", UUID.fromString(billing)));
        assertEquals(true, scalar("SELECT is_default FROM user_addresses WHERE id = ?", UUID.fromString(newShipping)));
    }

    @Test
    void patchChangesFieldsAndCanTakeOverTheDefault() {
        IdentityFixtures.Session session = signedInCustomer();
        String first = create(session, address("shipping", true));
        String second = create(session, address("shipping", false));
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON)
                .body(Map.of("city", "Shelbyville", "isDefault", true))
                .when().patch("/api/v1/me/addresses/" + second)
                .then().statusCode(200)
                .body("city", equalTo("Shelbyville"))
                .body("line1", equalTo("742 Evergreen Terrace"))
                .body("isDefault", equalTo(true));
        assertEquals(false, scalar("SELECT is_default FROM user_addresses WHERE id = ?", UUID.fromString(first)));
    }

    @Test
    void deleteIsSoftAndHidesTheAddress() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = create(session, address("shipping", true));
        given().header("Authorization", session.bearer()).when().delete("/api/v1/me/addresses/" + id)
                .then().statusCode(204);
        given().header("Authorization", session.bearer()).when().get("/api/v1/me/addresses/" + id)
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        assertNotNull(scalar("SELECT deleted_at FROM user_addresses WHERE id = ?", UUID.fromString(id)));
    }

    @Test
    void anotherUsersAddressIsNotFoundForReadChangeAndDelete() {
        IdentityFixtures.Session owner = signedInCustomer();
        IdentityFixtures.Session other = signedInCustomer();
        String id = create(owner, address("shipping", true));
        given().header("Authorization", other.bearer()).when().get("/api/v1/me/addresses/" + id)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON).body(Map.of("city", "Hijacked"))
                .when().patch("/api/v1/me/addresses/" + id)
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().header("Authorization", other.bearer()).when().delete("/api/v1/me/addresses/" + id)
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().header("Authorization", other.bearer()).when().get("/api/v1/me/addresses")
                .then().statusCode(200).body("items", hasSize(0));
        assertEquals("Springfield", scalar("SELECT city FROM user_addresses WHERE id = ?", UUID.fromString(id)));
        assertEquals(null, scalar("SELECT deleted_at FROM user_addresses WHERE id = ?", UUID.fromString(id)));
    }

    @Test
    void unknownCountryAndTypeAreValidationProblems() {
        IdentityFixtures.Session session = signedInCustomer();
        Map<String, Object> body = address("home", false);
        body.put("country", "XX");
        given().header("Authorization", session.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/addresses")
                .then().statusCode(400)
                .body("type", equalTo(Problem.TYPE_BASE + "validation"))
                .body("errors.field", hasItem("country"))
                .body("errors.field", hasItem("type"));
    }

    @Test
    void createChangeAndDeleteWriteAuditRows() {
        IdentityFixtures.Session session = signedInCustomer();
        String id = create(session, address("shipping", false));
        given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT).contentType(ContentType.JSON)
                .body(Map.of("line2", "Apt 2")).when().patch("/api/v1/me/addresses/" + id).then().statusCode(200);
        given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT)
                .when().delete("/api/v1/me/addresses/" + id).then().statusCode(204);
        List<IdentityFixtures.AuditRow> rows = auditRows("address", UUID.fromString(id));
        assertEquals(List.of("create", "update", "delete"), rows.stream().map(IdentityFixtures.AuditRow::action).toList());
        rows.forEach(row -> {
            assertEquals(session.id(), row.userId());
            assertEquals("127.0.0.1", row.ip());
            assertEquals(USER_AGENT, row.userAgent());
        });
    }

    static Map<String, Object> address(String type, boolean isDefault) {
        Map<String, Object> address = new HashMap<>();
        address.put("type", type);
        address.put("line1", "742 Evergreen Terrace");
        address.put("city", "Springfield");
        address.put("state", "OR");
        address.put("postalCode", "97403");
        address.put("country", "US");
        address.put("isDefault", isDefault);
        return address;
    }

    private static String create(IdentityFixtures.Session session, Map<String, Object> address) {
        return given().header("Authorization", session.bearer()).header("User-Agent", USER_AGENT)
                .contentType(ContentType.JSON).body(address)
                .when().post("/api/v1/me/addresses")
                .then().statusCode(201).body("type", equalTo(address.get("type")))
                .extract().path("id");
    }
}
