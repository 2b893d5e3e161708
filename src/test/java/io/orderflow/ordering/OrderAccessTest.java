package io.orderflow.ordering;

import io.orderflow.platform.security.Roles;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Checkouts.Placed;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OrderAccessTest {

    private static final String NOT_FOUND = PROBLEMS + "not-found";

    @Test
    void ownerAndStaffReadTheOrder() {
        Placed placed = Checkouts.paidOrder(1);
        String order = placed.id();

        given().header("Authorization", placed.buyer().bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(200).body("id", equalTo(order)).body("status", equalTo("confirmed"));
        given().header("Authorization", TestAccounts.staff(Roles.EMPLOYEE).bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(200).body("id", equalTo(order));
    }

    @Test
    void anotherCustomerCannotReadTheOrder() {
        String order = Checkouts.paidOrder(1).id();

        given().header("Authorization", TestAccounts.customer().bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));
    }

    @Test
    void anotherCustomerCannotPayTheOrder() {
        Account other = TestAccounts.customer();
        String order = Checkouts.declinedOrder(1).id();

        Checkouts.pay(other, order, other.visaCardId())
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));

        assertEquals("pending", Checkouts.status(order));
        assertEquals(1, Sql.count("SELECT count(*) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void anotherCustomerCannotCancelTheOrder() {
        Placed placed = Checkouts.paidOrder(1);
        String order = placed.id();

        Checkouts.cancel(TestAccounts.customer(), order)
                .then().statusCode(404).body("type", equalTo(NOT_FOUND));

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("4|0|4", TestProducts.levels(placed.product()));
    }

    @Test
    void myOrdersPageNewestFirstWithACursor() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(10, 100);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(0, Checkouts.paid(owner, product, 1));
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
        String pending = Checkouts.declined(owner, product, 1);

        given().header("Authorization", owner.bearer()).queryParam("status", "pending")
                .when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(List.of(pending)));
    }
}
