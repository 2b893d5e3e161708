package io.orderflow.ordering;

import io.orderflow.platform.security.Roles;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OrderAccessTest {

    private static final String NOT_FOUND = "https://orderflow.io/problems/not-found";

    @Test
    void ownerAndStaffReadTheOrder() {
        Account owner = TestAccounts.customer();
        String order = Checkouts.buy(owner, TestProducts.stocked(5, 100), 1, owner.visaCardId()).path("id");

        given().header("Authorization", owner.bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(200).body("id", equalTo(order)).body("status", equalTo("confirmed"));
        given().header("Authorization", TestAccounts.staff(Roles.EMPLOYEE).bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(200).body("id", equalTo(order));
    }

    @Test
    void anotherCustomerCannotReadTheOrder() {
        Account owner = TestAccounts.customer();
        String order = Checkouts.buy(owner, TestProducts.stocked(5, 100), 1, owner.visaCardId()).path("id");

        given().header("Authorization", TestAccounts.customer().bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));
    }

    @Test
    void anotherCustomerCannotPayTheOrder() {
        Account owner = TestAccounts.customer();
        Account other = TestAccounts.customer();
        String order = Checkouts.buy(owner, TestProducts.stocked(5, 100), 1, owner.declinedCardId()).path("orderId");

        given().header("Authorization", other.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("paymentMethodId", other.visaCardId()))
                .when().post("/api/v1/orders/" + order + "/payments")
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));

        assertEquals("pending", Sql.value("SELECT status FROM orders WHERE id = ?::uuid", order));
        assertEquals(1, Sql.count("SELECT count(*) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void anotherCustomerCannotCancelTheOrder() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 1, owner.visaCardId()).path("id");

        given().header("Authorization", TestAccounts.customer().bearer()).contentType(ContentType.JSON)
                .when().post("/api/v1/orders/" + order + "/cancel")
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));

        assertEquals("confirmed", Sql.value("SELECT status FROM orders WHERE id = ?::uuid", order));
        assertEquals("4|0|4", CheckoutTest.levels(product));
    }

    @Test
    void myOrdersPageNewestFirstWithACursor() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(10, 100);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(0, Checkouts.buy(owner, product, 1, owner.visaCardId()).path("id"));
        }
        Checkouts.buy(TestAccounts.customer(), product, 1, owner.visaCardId());

        String cursor = given().header("Authorization", owner.bearer()).queryParam("limit", 2)
                .when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(placed.subList(0, 2)))
                .extract().path("nextCursor");
        given().header("Authorization", owner.bearer()).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(placed.subList(2, 3))).body("nextCursor", nullValue());
    }

    @Test
    void aForgedCursorAnswers400() {
        given().header("Authorization", TestAccounts.customer().bearer()).queryParam("cursor", "bm90LWEtY3Vyc29y")
                .when().get("/api/v1/orders")
                .then().statusCode(400).body("type", equalTo("https://orderflow.io/problems/invalid-cursor"));
    }

    @Test
    void myOrdersFilterByStatus() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(10, 100);
        Checkouts.buy(owner, product, 1, owner.visaCardId());
        String pending = Checkouts.buy(owner, product, 1, owner.declinedCardId()).path("orderId");

        given().header("Authorization", owner.bearer()).queryParam("status", "pending")
                .when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(List.of(pending)));
    }
}
