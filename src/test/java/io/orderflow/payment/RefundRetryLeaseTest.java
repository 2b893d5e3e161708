package io.orderflow.payment;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Sql;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pending refunds a run of the refund-retry job takes (its lease), with the scheduled runs paused. */
@QuarkusTest
class RefundRetryLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Refunds refunds;

    @Inject
    Pool db;

    @Inject
    Scheduler scheduler;

    /**
     * Refunds whose lease ran out (the gateway kept failing them) were sent before and go behind one
     * never sent: a batch's worth of them, older than it, can't starve it.
     */
    @Test
    void aRefundNeverSentIsLeasedBeforeOnesWhoseLeaseRanOut() {
        UUID payment = UUID.fromString(Sql.value("SELECT id FROM payments WHERE order_id = ?::uuid AND status = 'succeeded'",
                Checkouts.paidOrder(1).id()));
        List<UUID> written = new ArrayList<>();
        scheduler.pause("refund-retry");
        try {
            written.add(pendingRefund(payment, "timestamptz '2000-01-01 00:00Z'", "now() - interval '1 second'"));
            written.add(pendingRefund(payment, "timestamptz '2000-01-01 00:00Z'", "now() - interval '1 second'"));
            UUID neverSent = pendingRefund(payment, "timestamptz '2001-01-01 00:00Z'", "NULL");
            written.add(neverSent);

            List<UUID> leased = refunds.leasePending(db, Duration.ofSeconds(30), 2, Duration.ofMinutes(1)).await().atMost(WAIT);

            assertTrue(leased.contains(neverSent), "leased " + leased);
        } finally {
            // Not for the gateway: they stand for refunds it kept failing.
            written.forEach(id -> Sql.update("UPDATE refunds SET status = 'failed', failure_reason = 'test row', completed_at = now()"
                    + " WHERE id = ?", id));
            scheduler.resume("refund-retry");
        }
    }

    /** A pending refund of one cent of the payment. */
    private static UUID pendingRefund(UUID payment, String createdAt, String retryAfter) {
        UUID id = UUID.randomUUID();
        Sql.update("INSERT INTO refunds (id, payment_id, amount_cents, reason, status, gateway_idempotency_key, created_at, retry_after)"
                + " VALUES (?, ?, 1, 'test', 'pending', ?, " + createdAt + ", " + retryAfter + ")", id, payment, "refund_" + id);
        return id;
    }
}
