package io.orderflow.payment;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PaymentReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PaymentReconciler reconciler;

    @Inject
    PaymentGateway gateway;

    @Inject
    Payments payments;

    @Inject
    Pool db;

    @Inject
    Scheduler scheduler;

    @Test
    void aChargeTheGatewayTookConfirmsTheOrder() {
        Account owner = TestAccounts.customer();
        String order = declinedOrder(owner);
        String key = "pay_" + UUID.randomUUID();
        gateway.charge(new PaymentGateway.ChargeRequest(key, "pm_visa_" + UUID.randomUUID().toString().replace("-", ""), 100, "USD"))
                .await().atMost(WAIT);
        strandedPayment(order, owner.visaCardId(), key);

        reconciler.reconcile().await().atMost(WAIT);

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("succeeded", Sql.value("SELECT status FROM payments WHERE gateway_idempotency_key = ?", key));
        Invariants.assertHold();
    }

    @Test
    void aChargeTheGatewayNeverSawFails() {
        Account owner = TestAccounts.customer();
        String order = declinedOrder(owner);
        String key = "pay_" + UUID.randomUUID();
        strandedPayment(order, owner.visaCardId(), key);

        reconciler.reconcile().await().atMost(WAIT);

        assertEquals("failed|not_received", Sql.value("SELECT status || '|' || failure_reason FROM payments WHERE gateway_idempotency_key = ?", key));
        assertEquals("pending", Checkouts.status(order));
    }

    /**
     * Attempts whose lease ran out (the gateway could not be asked about them) were taken before and
     * go behind one never asked about: a batch's worth of them, older than it, can't starve it.
     */
    @Test
    void anAttemptNeverAskedAboutIsLeasedBeforeOnesWhoseLeaseRanOut() {
        Account owner = TestAccounts.customer();
        scheduler.pause("payment-reconciler");
        try {
            for (int i = 0; i < 2; i++) {
                strandedPayment(declinedOrder(owner), owner.visaCardId(), "pay_" + UUID.randomUUID(),
                        "timestamptz '2000-01-01 00:00Z'", "now() - interval '1 second'");
            }
            String neverAsked = "pay_" + UUID.randomUUID();
            strandedPayment(declinedOrder(owner), owner.visaCardId(), neverAsked, "timestamptz '2001-01-01 00:00Z'", "NULL");

            List<UUID> leased = payments.leaseUnsettled(db, Duration.ofMinutes(1), 2, Duration.ofMinutes(1)).await().atMost(WAIT);

            UUID id = UUID.fromString(Sql.value("SELECT id FROM payments WHERE gateway_idempotency_key = ?", neverAsked));
            assertTrue(leased.contains(id), "leased " + leased);
        } finally {
            scheduler.resume("payment-reconciler");
        }
    }

    private static String declinedOrder(Account owner) {
        return Checkouts.declined(owner, TestProducts.stocked(5, 100), 1);
    }

    /** A PENDING payment as a crash between charge and confirm leaves it, older than the reconcile threshold. */
    private static void strandedPayment(String order, UUID card, String key) {
        strandedPayment(order, card, key, "now() - interval '1 hour'", "NULL");
    }

    private static void strandedPayment(String order, UUID card, String key, String attemptedAt, String reconcileAfter) {
        Sql.update("INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key, attempted_at, reconcile_after)"
                + " VALUES (?::uuid, ?, 100, 'USD', ?, " + attemptedAt + ", " + reconcileAfter + ")", order, card, key);
    }
}
