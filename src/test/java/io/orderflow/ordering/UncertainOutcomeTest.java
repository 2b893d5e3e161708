package io.orderflow.ordering;

import io.orderflow.payment.PaymentReconciler;
import io.orderflow.support.Checkouts;
import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A charge the gateway captured but did not answer in time, with no retries left: the attempt is
 * UNKNOWN, never FAILED; the client gets 503 with Retry-After and its key resumes the run; the
 * expiry job leaves the order alone; the stranded-checkout job or the reconciler settles it.
 */
@QuarkusTest
@TestProfile(UncertainOutcomeTest.NoGatewayRetries.class)
class UncertainOutcomeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One gateway call per attempt, and jobs only when a test runs them. */
    public static class NoGatewayRetries extends ConfigOverrides {
        public NoGatewayRetries() {
            super(Map.of("orderflow.payment.retry.attempts", "0",
                    "quarkus.scheduler.enabled", "false"));
        }
    }

    @Inject
    StrandedCheckouts stranded;

    @Inject
    ReservationExpiryJob expiry;

    @Inject
    PaymentReconciler reconciler;

    @Test
    void anUnansweredChargeIsUnknownAndTheRetryWithTheSameKeyConfirmsIt() {
        Unanswered run = unansweredCheckout();

        ExtractableResponse<Response> retry = Checkouts.place(run.buyer, run.key, run.body);

        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals(run.orderId, retry.path("id"));
        assertEquals(1, Checkouts.ordersOf(run.buyer));
        assertEquals("4|0|4", levels(run.product));
        GatewayLedger.assertMatches(run.orderId);
        Invariants.assertHold();
    }

    @Test
    void theExpiryJobNeverGivesUpAnAttemptWhoseOutcomeItDoesNotKnow() {
        Unanswered run = unansweredCheckout();
        Checkouts.expireReservation(run.orderId);

        expiry.expireReservations().await().atMost(WAIT);

        assertEquals("pending|unknown", orderAndPayment(run.orderId));
        Sql.update("UPDATE payments SET attempted_at = now() - interval '1 hour' WHERE order_id = ?::uuid", run.orderId);
        reconciler.reconcile().await().atMost(WAIT);

        assertEquals("confirmed|succeeded", orderAndPayment(run.orderId));
        GatewayLedger.assertMatches(run.orderId);
        Invariants.assertHold();
    }

    @Test
    void theStrandedCheckoutJobFinishesTheRunAndStoresItsAnswer() {
        Unanswered run = unansweredCheckout();

        stranded.finishStranded().await().atMost(WAIT);

        assertEquals("confirmed|succeeded", orderAndPayment(run.orderId));
        assertEquals("201", Sql.value("SELECT response_status FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?",
                run.buyer.id(), run.key));
        ExtractableResponse<Response> replay = Checkouts.place(run.buyer, run.key, run.body);
        assertEquals(201, replay.statusCode(), replay.asString());
        assertEquals(run.orderId, replay.path("id"));
        GatewayLedger.assertMatches(run.orderId);
        Invariants.assertHold();
    }

    private record Unanswered(Account buyer, UUID product, String key, Map<String, Object> body, String orderId) {
    }

    /** A checkout whose only charge call captured and went unanswered: 503, the attempt UNKNOWN, the stock held. */
    private static Unanswered unansweredCheckout() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, Checkouts.sandboxCard(buyer, "captureTimeout"));

        ExtractableResponse<Response> response = Checkouts.place(buyer, key, body);

        assertEquals(503, response.statusCode(), response.asString());
        assertEquals(PROBLEMS + "payment-unavailable", response.path("type"));
        assertNotNull(response.header("Retry-After"));
        String order = response.path("orderId");
        assertEquals("pending|unknown", orderAndPayment(order));
        assertEquals("5|1|4", levels(product));
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ? AND completed_at IS NOT NULL",
                buyer.id(), key));
        return new Unanswered(buyer, product, key, body, order);
    }

    private static String orderAndPayment(String order) {
        return Sql.value("SELECT o.status || '|' || p.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = ?::uuid", order);
    }
}
