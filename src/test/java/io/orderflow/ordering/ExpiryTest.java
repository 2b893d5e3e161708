package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ExpiryTest {

    @Inject
    ReservationExpiryJob job;

    @Test
    void anExpiredReservationIsReleasedAndItsOrderCancelled() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 2, owner.declinedCardId()).path("orderId");
        expire(order);

        job.expireReservations().await().atMost(Duration.ofSeconds(30));

        assertEquals("cancelled|reservation_expired", Sql.value("SELECT status || '|' || cancellation_reason FROM orders WHERE id = ?::uuid", order));
        assertEquals("released", Sql.value("SELECT status FROM reservations WHERE order_id = ?::uuid", order));
        assertEquals("5|0|5", CheckoutTest.levels(product));
        Invariants.assertHold();
    }

    @Test
    void anOrderPastItsReservationCannotBePaid() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 1, owner.declinedCardId()).path("orderId");
        expire(order);

        given().header("Authorization", owner.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("paymentMethodId", owner.visaCardId()))
                .when().post("/api/v1/orders/" + order + "/payments")
                .then().statusCode(409).body("type", equalTo("https://orderflow.io/problems/order-not-payable"));

        assertEquals(1, Sql.count("SELECT count(*) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void aLivePendingOrderIsLeftAlone() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 1, owner.declinedCardId()).path("orderId");

        job.expireReservations().await().atMost(Duration.ofSeconds(30));

        assertEquals("pending", Sql.value("SELECT status FROM orders WHERE id = ?::uuid", order));
        assertEquals("5|1|4", CheckoutTest.levels(product));
    }

    private static void expire(String order) {
        Sql.update("UPDATE reservations SET created_at = now() - interval '20 minutes', expires_at = now() - interval '1 minute' WHERE order_id = ?::uuid", order);
    }
}
