package io.orderflow.ordering;

import io.orderflow.identity.Roles;
import io.orderflow.platform.Actor;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CancelTest {

    @Inject
    Pool db;

    @Inject
    OrderTransitions transitions;

    @Test
    void cancellingAPendingOrderReleasesItsStock() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 2, owner.declinedCardId()).path("orderId");

        cancel(owner, order).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("cancellationReason", equalTo("customer_request"));

        assertEquals("5|0|5", CheckoutTest.levels(product));
        assertEquals("released", Sql.value("SELECT status FROM reservations WHERE order_id = ?::uuid", order));
        Invariants.assertHold();
    }

    @Test
    void cancellingAConfirmedOrderRefundsItAndReturnsTheStock() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 700);
        String order = Checkouts.buy(owner, product, 2, owner.visaCardId()).path("id");

        cancel(owner, order).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("payment.status", equalTo("refunded")).body("payment.amountRefundedCents", equalTo(1400));

        assertEquals("5|0|5", CheckoutTest.levels(product));
        assertEquals("2", Sql.value("SELECT sum(quantity_change) FROM inventory_transactions WHERE order_id = ?::uuid AND type = 'return'", order));
        assertEquals("1400", Sql.value("SELECT sum(r.amount_cents) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
        assertEquals(1, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'refund' AND entity_id = "
                + "(SELECT r.id FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid)", order));
        Invariants.assertHold();
    }

    @Test
    void staffMayCancelACustomersOrder() {
        Account owner = TestAccounts.customer();
        String order = Checkouts.buy(owner, TestProducts.stocked(5, 100), 1, owner.visaCardId()).path("id");

        cancel(TestAccounts.staff(Roles.EMPLOYEE), order).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancellationReason", equalTo("staff_request"));
    }

    @Test
    void cancellingTwiceAnswers409AndChangesNothing() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 1, owner.visaCardId()).path("id");
        cancel(owner, order).then().statusCode(200);

        cancel(owner, order).then().statusCode(409).body("type", equalTo("https://orderflow.io/problems/illegal-transition"));

        assertEquals("5|0|5", CheckoutTest.levels(product));
        assertEquals(1, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        UUID order = UUID.fromString(Checkouts.buy(owner, product, 1, owner.visaCardId()).path("id"));
        db.withTransaction(tx -> transitions.markShipped(tx, order, Actor.SYSTEM, Instant.now()))
                .await().atMost(Duration.ofSeconds(10));

        cancel(owner, order.toString()).then().statusCode(409).body("type", equalTo("https://orderflow.io/problems/illegal-transition"));

        assertEquals("shipped", Sql.value("SELECT status FROM orders WHERE id = ?", order));
        assertEquals("4|0|4", CheckoutTest.levels(product));
        assertEquals(0, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?", order));
    }

    private static io.restassured.response.Response cancel(Account caller, String order) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON)
                .when().post("/api/v1/orders/" + order + "/cancel");
    }
}
