package io.orderflow.payment;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PaymentReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PaymentReconciler reconciler;

    @Inject
    PaymentGateway gateway;

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

    private static String declinedOrder(Account owner) {
        return Checkouts.declined(owner, TestProducts.stocked(5, 100), 1);
    }

    /** A PENDING payment as a crash between charge and confirm leaves it, older than the reconcile threshold. */
    private static void strandedPayment(String order, UUID card, String key) {
        Sql.update("INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key, attempted_at)"
                + " VALUES (?::uuid, ?, 100, 'USD', ?, now() - interval '1 hour')", order, card, key);
    }
}
