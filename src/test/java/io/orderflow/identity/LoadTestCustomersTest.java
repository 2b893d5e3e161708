package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.identity.IdentityFixtures.auditRows;
import static io.orderflow.identity.IdentityFixtures.signedInCustomer;
import static io.orderflow.support.Sql.count;
import static io.orderflow.support.Sql.value;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load tester's customers: admins only, bounded, created whole or not at all, and their sessions work. */
@QuarkusTest
class LoadTestCustomersTest {

    private static final String PATH = "/api/v1/admin/load-test-customers";

    private final TestAccounts.Account admin = TestAccounts.staff(Roles.ADMIN);

    @Test
    void anonymousIsUnauthorized() {
        String prefix = uniquePrefix();
        given().contentType(ContentType.JSON).body(Map.of("count", 1, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        assertEquals(0L, usersWithPrefix(prefix));
    }

    @Test
    void customerIsForbidden() {
        String prefix = uniquePrefix();
        given().header("Authorization", signedInCustomer().bearer()).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "forbidden"));
        assertEquals(0L, usersWithPrefix(prefix));
    }

    @Test
    void managerIsForbidden() {
        String prefix = uniquePrefix();
        given().header("Authorization", TestAccounts.staff(Roles.MANAGER).bearer()).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(403).body("type", equalTo(Problem.TYPE_BASE + "forbidden"));
        assertEquals(0L, usersWithPrefix(prefix));
    }

    @Test
    void countOutsideOneToAThousandIsABadRequestThatCreatesNothing() {
        String prefix = uniquePrefix();
        for (int count : new int[] {0, -1, 1001}) {
            given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("count", count, "emailPrefix", prefix))
                    .when().post(PATH)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(Problem.TYPE_BASE + "validation"))
                    .body(containsString("count"));
        }
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        assertEquals(0L, usersWithPrefix(prefix));
    }

    @Test
    void invalidEmailPrefixIsABadRequest() {
        for (String prefix : List.of("", "Upper-Case", "has space", "-leading-dash", "x".repeat(41), "a@b")) {
            given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("count", 1, "emailPrefix", prefix))
                    .when().post(PATH)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(Problem.TYPE_BASE + "validation"));
        }
    }

    @Test
    void customersGetAnAddressACardAndATokenThatWorksOnMe() {
        String prefix = uniquePrefix();
        JsonPath batch = create(3, prefix);
        List<Map<String, Object>> customers = batch.getList("customers");
        assertEquals(3, customers.size());
        for (Map<String, Object> customer : customers) {
            String bearer = "Bearer " + customer.get("accessToken");
            assertThat((String) customer.get("email"), startsWith(prefix + "-"));
            given().header("Authorization", bearer).when().get("/api/v1/me")
                    .then().statusCode(200)
                    .body("id", equalTo(customer.get("id")))
                    .body("email", equalTo(customer.get("email")))
                    .body("role", equalTo("customer"));
            given().header("Authorization", bearer).when().get("/api/v1/me/addresses/" + customer.get("addressId"))
                    .then().statusCode(200).body("type", equalTo("shipping"));
            given().header("Authorization", bearer).when().get("/api/v1/me/payment-methods/" + customer.get("paymentMethodId"))
                    .then().statusCode(200).body("brand", equalTo("visa")).body("last4", equalTo("4242"));
        }
        assertEquals(3L, usersWithPrefix(prefix));
        assertEquals(3L, count("SELECT count(*) FROM users WHERE email LIKE ? AND role = 'customer' AND email LIKE '%@loadtest.invalid'",
                prefix + "-%"));
    }

    @Test
    void passwordsAreRandomBcryptHashesAndNeverAnswered() {
        String prefix = uniquePrefix();
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(201)
                .body(not(containsString("password")))
                .body(not(containsString("$2")));
        assertThat(value("SELECT password_hash FROM users WHERE email LIKE ?", prefix + "-%"), startsWith("$2"));
    }

    @Test
    void theIssuedSessionRefreshesLikeALoginsSession() {
        Map<String, Object> customer = create(1, uniquePrefix()).getMap("customers[0]");
        String next = given().contentType(ContentType.JSON).body(Map.of("refreshToken", customer.get("refreshToken")))
                .when().post("/api/v1/auth/refresh")
                .then().statusCode(200)
                .extract().path("accessToken");
        given().header("Authorization", "Bearer " + next).when().get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo(customer.get("id")));
    }

    @Test
    void aCustomerChecksOutWithTheAddressAndCardAnswered() {
        Map<String, Object> customer = create(1, uniquePrefix()).getMap("customers[0]");
        UUID product = TestProducts.stocked(5, 1500);
        given().header("Authorization", "Bearer " + customer.get("accessToken"))
                .header("Idempotency-Key", "lt-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                        "shippingAddressId", customer.get("addressId"), "billingAddressId", customer.get("addressId"),
                        "paymentMethodId", customer.get("paymentMethodId")))
                .when().post("/api/v1/orders")
                .then().statusCode(201).body("status", equalTo("confirmed"));
    }

    @Test
    void aReusedPrefixIsAConflictThatCreatesNothingMore() {
        String prefix = uniquePrefix();
        create(2, prefix);
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("count", 3, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "email-taken"));
        assertEquals(2L, usersWithPrefix(prefix));
    }

    @Test
    void eachCallWritesOneAuditRowNamingTheAdmin() {
        String prefix = uniquePrefix();
        JsonPath batch = create(2, prefix);
        List<IdentityFixtures.AuditRow> rows = auditRows("user", UUID.fromString(batch.getString("batchId")));
        assertEquals(1, rows.size());
        assertEquals("create", rows.get(0).action());
        assertEquals(admin.id(), rows.get(0).userId());
        assertTrue(rows.get(0).newValues().contains(prefix));
        UUID customer = UUID.fromString(batch.getString("customers[0].id"));
        assertEquals(admin.id(), auditRows("user", customer).get(0).userId());
    }

    @Test
    void customersAreAnsweredInEmailOrder() {
        List<String> emails = create(12, uniquePrefix()).getList("customers.email", String.class);
        assertEquals(emails.stream().sorted().toList(), emails);
    }

    @Test
    void endpointIsDocumentedWithItsErrors() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/admin/load-test-customers'.post.requestBody.content.'application/json'.schema", notNullValue())
                .body("paths.'/api/v1/admin/load-test-customers'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/admin/load-test-customers'.post.responses", hasKey("403"))
                .body("paths.'/api/v1/admin/load-test-customers'.post.responses", hasKey("409"));
    }

    private JsonPath create(int count, String prefix) {
        return given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("count", count, "emailPrefix", prefix))
                .when().post(PATH)
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("customers", hasSize(count))
                .extract().jsonPath();
    }

    private static String uniquePrefix() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static long usersWithPrefix(String prefix) {
        return count("SELECT count(*) FROM users WHERE email LIKE ?", prefix + "-%");
    }
}
