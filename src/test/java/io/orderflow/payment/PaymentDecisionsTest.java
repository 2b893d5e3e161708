package io.orderflow.payment;

import io.orderflow.ordering.OrderSettlement;
import io.orderflow.platform.Actor;
import io.orderflow.support.Checkouts;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one decision per payment, whichever paths learn of a capture and however they race. */
@QuarkusTest
class PaymentDecisionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OrderSettlement settlement;

    @Inject
    PaymentGateway gateway;

    @Inject
    WebhookSignature signature;

    @Test
    void concurrentSettlesOfOneCaptureConfirmOnceAndRefundNothing() throws Exception {
        Attempt attempt = capturedAttemptOfAPendingOrder();

        Parallel.times(8, () -> settlement.succeeded(attempt.paymentId, attempt.chargeId, Actor.SYSTEM).await().atMost(WAIT));

        assertEquals("confirmed", Checkouts.status(attempt.orderId));
        assertEquals("succeeded|false|0", Sql.value("SELECT status || '|' || late_capture || '|' || amount_refunded_cents FROM payments WHERE id = ?",
                attempt.paymentId));
        assertEquals(0, Sql.count("SELECT count(*) FROM refunds WHERE payment_id = ?", attempt.paymentId));
        assertEquals(0, Sql.count("SELECT count(*) FROM sandbox_gateway_operations WHERE kind = 'refund' AND charge_id = ?", attempt.chargeId));
        GatewayLedger.assertMatches(attempt.orderId);
        Invariants.assertHold();
    }

    @Test
    void duplicateWebhooksRacingTheSynchronousSettleDecideOnce() throws Exception {
        Attempt attempt = capturedAttemptOfAPendingOrder();
        String repeatedId = UUID.randomUUID().toString();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(() -> postSucceeded(repeatedId, attempt));
            calls.add(() -> postSucceeded(UUID.randomUUID().toString(), attempt));
        }
        calls.add(() -> {
            settlement.succeeded(attempt.paymentId, attempt.chargeId, Actor.SYSTEM).await().atMost(WAIT);
            return 200;
        });

        List<Integer> statuses = Parallel.race(calls);

        assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
        assertEquals("confirmed", Checkouts.status(attempt.orderId));
        assertEquals(0, Sql.count("SELECT count(*) FROM refunds WHERE payment_id = ?", attempt.paymentId));
        GatewayLedger.assertMatches(attempt.orderId);
        Invariants.assertHold();
    }

    @Test
    void aCaptureArrivingAfterAnotherAttemptPaidIsRecordedAsLateAndRefundedOnce() {
        Account owner = TestAccounts.customer();
        String order = Checkouts.paid(owner, TestProducts.stocked(5, 100), 1);
        Attempt late = capturedAttempt(order, owner, "failed");

        assertEquals(200, postSucceeded(UUID.randomUUID().toString(), late));
        assertEquals(200, postSucceeded(UUID.randomUUID().toString(), late));

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("refunded|true|100", Sql.value("SELECT status || '|' || late_capture || '|' || amount_refunded_cents FROM payments WHERE id = ?",
                late.paymentId));
        assertEquals("1|succeeded", Sql.value("SELECT count(*) || '|' || min(status) FROM refunds WHERE payment_id = ?", late.paymentId));
        assertEquals("succeeded|0", Sql.value("SELECT status || '|' || amount_refunded_cents FROM payments WHERE order_id = ?::uuid AND NOT late_capture",
                order));
        GatewayLedger.assertMatches(order);
        Invariants.assertHold();
    }

    @Test
    void aChargeAnsweredTooLateIsSentAgainUnderItsKeyAndConfirmsOnce() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);

        String order = Checkouts.buy(owner, product, 1, Checkouts.sandboxCard(owner, "captureTimeout")).path("id");

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals(1, Sql.count("SELECT count(*) FROM sandbox_gateway_operations c JOIN payments p ON p.gateway_idempotency_key = c.idempotency_key"
                + " WHERE p.order_id = ?::uuid", order));
        GatewayLedger.assertMatches(order);
    }

    @Test
    void aTransientGatewayFailureIsRetriedAndConfirms() {
        Account owner = TestAccounts.customer();

        String order = Checkouts.buy(owner, TestProducts.stocked(5, 100), 1, Checkouts.sandboxCard(owner, "flaky")).path("id");

        assertEquals("confirmed|succeeded", Sql.value("SELECT o.status || '|' || p.status FROM orders o JOIN payments p ON p.order_id = o.id"
                + " WHERE o.id = ?::uuid", order));
        GatewayLedger.assertMatches(order);
    }

    private record Attempt(String orderId, UUID paymentId, String gatewayKey, String chargeId) {
    }

    /** A PENDING order (its first card declined) with a second attempt the gateway captured and nobody settled yet. */
    private Attempt capturedAttemptOfAPendingOrder() {
        Account owner = TestAccounts.customer();
        String order = Checkouts.declined(owner, TestProducts.stocked(5, 100), 1);
        return capturedAttempt(order, owner, "pending");
    }

    private Attempt capturedAttempt(String order, Account owner, String status) {
        UUID payment = UUID.randomUUID();
        String key = "pay_" + payment;
        Sql.update("INSERT INTO payments (id, order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key, status, failure_reason, failed_at)"
                        + " VALUES (?, ?::uuid, ?, 100, 'USD', ?, ?, CASE WHEN ? = 'failed' THEN 'processing_error' END, CASE WHEN ? = 'failed' THEN now() END)",
                payment, order, owner.visaCardId(), key, status, status, status);
        String charge = gateway.charge(new PaymentGateway.ChargeRequest(key, "pm_visa_" + UUID.randomUUID().toString().replace("-", ""), 100, "USD"))
                .await().atMost(WAIT).chargeId();
        return new Attempt(order, payment, key, charge);
    }

    private int postSucceeded(String eventId, Attempt attempt) {
        String body = "{\"id\": \"" + eventId + "\", \"type\": \"payment.succeeded\", \"data\": {\"idempotencyKey\": \"" + attempt.gatewayKey
                + "\", \"chargeId\": \"" + attempt.chargeId + "\", \"amountCents\": 100}}";
        long now = Instant.now().getEpochSecond();
        return given().header(WebhookSignature.HEADER, "t=" + now + ",v1=" + signature.sign(now, body))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/payments/webhook")
                .then().extract().statusCode();
    }
}
