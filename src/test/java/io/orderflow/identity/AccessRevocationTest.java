package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.orderflow.identity.IdentityFixtures.PASSWORD;
import static io.orderflow.identity.IdentityFixtures.login;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A role change or deactivation takes effect at the user's next request, not when their access token expires. */
@QuarkusTest
class AccessRevocationTest {

    private final String admin = TestAccounts.staff(Roles.ADMIN).bearer();

    @Test
    void demotedAdminsOldTokenIsRefusedAtOnce() {
        IdentityFixtures.Session promoted = promotedToAdmin();
        given().header("Authorization", promoted.bearer()).when().get("/api/v1/admin/users").then().statusCode(200);

        changeAccess(promoted.id(), Map.of("role", "customer"));

        given().header("Authorization", promoted.bearer()).when().get("/api/v1/admin/users")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "stale-token"));
        given().header("Authorization", promoted.bearer()).when().get("/api/v1/me")
                .then().statusCode(401).body("type", equalTo(Problem.TYPE_BASE + "stale-token"));
    }

    @Test
    void demotedAdminCannotPromoteThemselfAgain() {
        IdentityFixtures.Session promoted = promotedToAdmin();
        changeAccess(promoted.id(), Map.of("role", "customer"));

        given().header("Authorization", promoted.bearer()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().patch("/api/v1/admin/users/" + promoted.id())
                .then().statusCode(401).body("type", equalTo(Problem.TYPE_BASE + "stale-token"));
        assertEquals("customer", scalar("SELECT role FROM users WHERE id = ?", promoted.id()));
    }

    @Test
    void newLoginAfterDemotionCarriesTheNewRole() {
        IdentityFixtures.Session promoted = promotedToAdmin();
        changeAccess(promoted.id(), Map.of("role", "customer"));

        String fresh = "Bearer " + login(promoted.email(), PASSWORD).getString("accessToken");
        given().header("Authorization", fresh).when().get("/api/v1/me")
                .then().statusCode(200).body("role", equalTo("customer"));
        given().header("Authorization", fresh).when().get("/api/v1/admin/users")
                .then().statusCode(403).body("type", equalTo(Problem.TYPE_BASE + "forbidden"));
    }

    @Test
    void deactivatedUsersTokenIsRefusedAtOnce() {
        IdentityFixtures.Session customer = signedInCustomer();
        given().header("Authorization", customer.bearer()).when().get("/api/v1/me").then().statusCode(200);

        changeAccess(customer.id(), Map.of("active", false));

        given().header("Authorization", customer.bearer()).when().get("/api/v1/me")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "stale-token"));
    }

    @Test
    void reactivatedUserSignsInAgainAndTheOldTokenStaysRefused() {
        IdentityFixtures.Session customer = signedInCustomer();
        changeAccess(customer.id(), Map.of("active", false));
        changeAccess(customer.id(), Map.of("active", true));

        given().header("Authorization", customer.bearer()).when().get("/api/v1/me").then().statusCode(401);
        String fresh = "Bearer " + login(customer.email(), PASSWORD).getString("accessToken");
        given().header("Authorization", fresh).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aChangeThatChangesNothingKeepsTokensValid() {
        IdentityFixtures.Session customer = signedInCustomer();
        changeAccess(customer.id(), Map.of("role", "customer", "active", true));

        given().header("Authorization", customer.bearer()).when().get("/api/v1/me").then().statusCode(200);
        assertEquals(0, ((Number) scalar("SELECT token_version FROM users WHERE id = ?", customer.id())).intValue());
    }

    @Test
    void roleChangedBehindTheCacheIsCaughtByTheVersion() {
        IdentityFixtures.Session customer = signedInCustomer();
        given().header("Authorization", customer.bearer()).when().get("/api/v1/me").then().statusCode(200);
        changeAccess(customer.id(), Map.of("role", "employee"));
        assertEquals(1, ((Number) scalar("SELECT token_version FROM users WHERE id = ?", customer.id())).intValue());
        given().header("Authorization", customer.bearer()).when().get("/api/v1/me").then().statusCode(401);
    }

    private IdentityFixtures.Session promotedToAdmin() {
        IdentityFixtures.Session customer = signedInCustomer();
        changeAccess(customer.id(), Map.of("role", "admin"));
        String token = login(customer.email(), PASSWORD).getString("accessToken");
        return new IdentityFixtures.Session(customer.id(), customer.email(), token, null);
    }

    private void changeAccess(UUID userId, Map<String, Object> change) {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(change)
                .when().patch("/api/v1/admin/users/" + userId)
                .then().statusCode(200);
    }
}
