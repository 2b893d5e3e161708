package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.identity.IdentityFixtures.auditRows;
import static io.orderflow.identity.IdentityFixtures.login;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Staff administration of users: admins only. */
@QuarkusTest
class AdminUsersTest {

    private final String admin = TestAccounts.staff(Roles.ADMIN).bearer();

    @Test
    void customerOnAdminEndpointsIsForbidden() {
        IdentityFixtures.Session customer = signedInCustomer();
        given().header("Authorization", customer.bearer()).when().get("/api/v1/admin/users")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "forbidden"));
        given().header("Authorization", customer.bearer()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().patch("/api/v1/admin/users/" + customer.id())
                .then().statusCode(403).body("type", equalTo(Problem.TYPE_BASE + "forbidden"));
        assertEquals("customer", scalar("SELECT role FROM users WHERE id = ?", customer.id()));
    }

    @Test
    void managerOnAdminEndpointsIsForbidden() {
        given().header("Authorization", TestAccounts.staff(Roles.MANAGER).bearer()).when().get("/api/v1/admin/users")
                .then().statusCode(403);
    }

    @Test
    void anonymousOnAdminEndpointsIsUnauthorized() {
        given().when().get("/api/v1/admin/users").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void listFiltersByRoleAndPagesNewestFirst() {
        TestAccounts.Account older = TestAccounts.staff(Roles.EMPLOYEE);
        TestAccounts.Account newer = TestAccounts.staff(Roles.EMPLOYEE);
        String cursor = given().header("Authorization", admin).queryParam("role", "employee").queryParam("limit", 1)
                .when().get("/api/v1/admin/users")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(newer.id().toString()))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().header("Authorization", admin).queryParam("role", "employee").queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/admin/users")
                .then().statusCode(200)
                .body("items[0].id", equalTo(older.id().toString()))
                .body("items.role", everyItem(equalTo("employee")));
    }

    @Test
    void badCursorAndRoleAreBadRequests() {
        given().header("Authorization", admin).queryParam("cursor", "garbage").when().get("/api/v1/admin/users")
                .then().statusCode(400).body("type", equalTo(Problem.TYPE_BASE + "invalid-cursor"));
        given().header("Authorization", admin).queryParam("role", "root").when().get("/api/v1/admin/users")
                .then().statusCode(400).body("type", equalTo(Problem.TYPE_BASE + "validation"));
    }

    @Test
    void adminChangesRoleAndTheNextLoginCarriesIt() {
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("role", "manager"))
                .when().patch("/api/v1/admin/users/" + session.id())
                .then().statusCode(200).body("role", equalTo("manager")).body("active", equalTo(true));
        String token = login(session.email(), IdentityFixtures.PASSWORD).getString("accessToken");
        given().header("Authorization", "Bearer " + token).when().get("/test/whoami")
                .then().statusCode(200).body("role", equalTo("manager"));
    }

    @Test
    void adminUpdateWritesAuditRowNamingTheAdmin() {
        TestAccounts.Account adminAccount = TestAccounts.staff(Roles.ADMIN);
        IdentityFixtures.Session session = signedInCustomer();
        given().header("Authorization", adminAccount.bearer()).contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/api/v1/admin/users/" + session.id()).then().statusCode(200);
        List<IdentityFixtures.AuditRow> updates = auditRows("user", session.id()).stream()
                .filter(row -> row.action().equals("update")).toList();
        assertEquals(1, updates.size());
        assertEquals(adminAccount.id(), updates.get(0).userId());
        assertNotEquals(updates.get(0).oldValues(), updates.get(0).newValues());
    }

    @Test
    void unknownUserIsNotFound() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/api/v1/admin/users/" + UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo(Problem.TYPE_BASE + "not-found"));
    }

    @Test
    void configuredFirstAdminExistsAndCanLogIn() {
        String email = ConfigProvider.getConfig().getValue("orderflow.admin.email", String.class);
        String password = ConfigProvider.getConfig().getValue("orderflow.admin.password", String.class);
        assertEquals("admin", scalar("SELECT role FROM users WHERE email = ?", email));
        String token = login(email, password).getString("accessToken");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/users?limit=1")
                .then().statusCode(200);
    }
}
