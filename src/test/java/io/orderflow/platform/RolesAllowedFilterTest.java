package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/** {@link RolesAllowedFilter}: each operation's x-roles-allowed says what its security annotations say. */
@QuarkusTest
class RolesAllowedFilterTest {

    @Test
    void everyApiOperationSaysWhoMayCallIt() {
        List<String> undocumented = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> paths = openApi().getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (path.startsWith("/api/v1/") && !operation.containsKey(RolesAllowedFilter.EXTENSION)) {
                undocumented.add(method.toUpperCase() + " " + path);
            }
        }));

        assertThat(undocumented, empty());
    }

    @Test
    void classRolesAllowedListsItsRoles() {
        assertThat(roles("'/api/v1/admin/users'.get"), contains("admin"));
        assertThat(roles("'/api/v1/inventory/low-stock'.get"), contains("employee", "manager", "admin"));
    }

    @Test
    void methodRolesAllowedWinsOverTheClassAnnotation() {
        assertThat(roles("'/api/v1/orders/{id}/refunds'.post"), contains("manager", "admin"));
    }

    @Test
    void authenticatedListsEverySignedInRole() {
        assertThat(roles("'/api/v1/orders/{id}'.get"), contains("customer", "employee", "manager", "admin"));
        assertThat(roles("'/api/v1/auth/logout'.post"), contains("customer", "employee", "manager", "admin"));
    }

    @Test
    void permitAllAndUnannotatedLetAnonymousIn() {
        assertThat(roles("'/api/v1/products/{id}'.get"), contains("anonymous", "customer", "employee", "manager", "admin"));
        assertThat(roles("'/api/v1/auth/login'.post"), contains("anonymous", "customer", "employee", "manager", "admin"));
    }

    @Test
    void methodPathsJoinTheClassPath() {
        assertThat(roles("'/api/v1/orders/{id}/shipments'.post"), contains("employee", "manager", "admin"));
        assertThat(roles("'/api/v1/products'.post"), contains("manager", "admin"));
    }

    private static List<String> roles(String operation) {
        return openApi().getList("paths." + operation + ".'" + RolesAllowedFilter.EXTENSION + "'", String.class);
    }

    private static JsonPath openApi() {
        return given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }
}
