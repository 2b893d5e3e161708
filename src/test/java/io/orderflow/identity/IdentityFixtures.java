package io.orderflow.identity;

import io.orderflow.support.OwnerDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Accounts made through the public API, and a look at what identity wrote to the database. */
final class IdentityFixtures {

    static final String PASSWORD = "correct horse battery";
    static final String USER_AGENT = "identity-tests/1.0";

    /** A registered customer and the pair its login returned. */
    record Session(UUID id, String email, String accessToken, String refreshToken) {

        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    /** One audit row as the database holds it. */
    record AuditRow(String action, UUID userId, String ip, String userAgent, String oldValues, String newValues) {
    }

    private IdentityFixtures() {
    }

    static String uniqueEmail() {
        return "id-" + UUID.randomUUID() + "@example.com";
    }

    static UUID register(String email) {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "firstName", "Ada", "lastName", "Lovelace"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    static JsonPath login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    static Session signedInCustomer() {
        String email = uniqueEmail();
        UUID id = register(email);
        JsonPath pair = login(email, PASSWORD);
        return new Session(id, email, pair.getString("accessToken"), pair.getString("refreshToken"));
    }

    static List<AuditRow> auditRows(String entityType, UUID entityId) {
        String sql = "SELECT action, user_id, host(ip_address) AS ip, user_agent, old_values::text, new_values::text"
                + " FROM audit_logs WHERE entity_type = ? AND entity_id = ? ORDER BY created_at";
        try (Connection db = OwnerDatabase.owner(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, entityType);
            query.setObject(2, entityId);
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new AuditRow(result.getString(1), result.getObject(2, UUID.class), result.getString(3),
                            result.getString(4), result.getString(5), result.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
