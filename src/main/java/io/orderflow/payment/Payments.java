package io.orderflow.payment;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The payments and refunds tables. Every status change is a conditional UPDATE (so webhooks,
 * jobs and the synchronous path can race safely) and writes its audit row in the caller's transaction.
 */
@ApplicationScoped
public class Payments {

    /** A charge attempt as the checkout needs it. */
    public record Payment(UUID id, UUID orderId, UUID paymentMethodId, String status, long amountCents, long amountRefundedCents,
                          String currency, String gatewayChargeId, String gatewayIdempotencyKey) {

        public long refundable() {
            return amountCents - amountRefundedCents;
        }
    }

    static final String COLUMNS = """
            id, order_id, payment_method_id, status, amount_cents, amount_refunded_cents, currency, gateway_charge_id, gateway_idempotency_key""";

    static final String INSERT_PENDING = """
            INSERT INTO payments (id, order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key)
            VALUES ($1, $2, $3, $4, $5, $6)""";

    static final String BY_ID = "SELECT " + COLUMNS + " FROM payments WHERE id = $1";

    static final String BY_GATEWAY_KEY = "SELECT " + COLUMNS + " FROM payments WHERE gateway_idempotency_key = $1";

    static final String BY_CHARGE = "SELECT " + COLUMNS + " FROM payments WHERE gateway_charge_id = $1";

    static final String CAPTURED_OF_ORDER = "SELECT " + COLUMNS + " FROM payments WHERE order_id = $1 AND status IN ('succeeded', 'refunded')";

    static final String PENDING_OF_ORDER = "SELECT " + COLUMNS + " FROM payments WHERE order_id = $1 AND status = 'pending'";

    static final String STALE_PENDING = """
            SELECT id FROM payments
            WHERE status = 'pending' AND attempted_at < now() - make_interval(secs => $1)
            ORDER BY attempted_at LIMIT $2""";

    // A FAILED attempt may still succeed: the gateway can decide after we gave up waiting.
    static final String MARK_SUCCEEDED = """
            UPDATE payments p SET status = 'succeeded', gateway_charge_id = $2, succeeded_at = now(),
                   failure_reason = NULL, failed_at = NULL
            FROM (SELECT id, status FROM payments WHERE id = $1 FOR UPDATE) old
            WHERE p.id = old.id AND p.status IN ('pending', 'failed')
            RETURNING old.status""";

    static final String MARK_FAILED = """
            UPDATE payments SET status = 'failed', failure_reason = $2, failed_at = now()
            WHERE id = $1 AND status = 'pending'
            RETURNING id""";

    static final String FAIL_PENDING_OF_ORDER = """
            UPDATE payments SET status = 'failed', failure_reason = $2, failed_at = now()
            WHERE order_id = $1 AND status = 'pending'
            RETURNING id""";

    // Guarded by the amount refunded so far: a concurrent refund of the same payment changes nothing.
    static final String ADD_REFUND = """
            UPDATE payments SET amount_refunded_cents = amount_refunded_cents + $2,
                   status = CASE WHEN amount_refunded_cents + $2 = amount_cents THEN 'refunded' ELSE status END
            WHERE id = $1 AND status = 'succeeded' AND amount_refunded_cents = $3
            RETURNING amount_refunded_cents, status""";

    // A charge that landed after its order was cancelled: captured and refunded in full at once.
    static final String MARK_REFUNDED_LATE = """
            UPDATE payments SET status = 'refunded', gateway_charge_id = $2, succeeded_at = now(),
                   amount_refunded_cents = amount_cents, failure_reason = NULL, failed_at = NULL
            WHERE id = $1 AND status IN ('pending', 'failed')
            RETURNING amount_cents""";

    static final String REFUND_KNOWN = "SELECT 1 FROM refunds WHERE gateway_refund_id = $1";

    static final String INSERT_REFUND = """
            INSERT INTO refunds (id, payment_id, amount_cents, gateway_refund_id, reason, created_by)
            VALUES ($1, $2, $3, $4, $5, $6)""";

    private final AuditLog audit;

    Payments(AuditLog audit) {
        this.audit = audit;
    }

    /** Records a new PENDING attempt; its id is the gateway idempotency key, so a retried charge never doubles. */
    public Uni<Payment> insertPending(SqlClient tx, UUID orderId, UUID paymentMethodId, long amountCents, String currency, Actor actor) {
        UUID id = UUID.randomUUID();
        String gatewayKey = "pay_" + id;
        Payment payment = new Payment(id, orderId, paymentMethodId, "pending", amountCents, 0, currency, null, gatewayKey);
        return tx.preparedQuery(INSERT_PENDING)
                .execute(Tuple.from(new Object[] {id, orderId, paymentMethodId, amountCents, currency, gatewayKey}))
                .call(() -> audit.record(tx, AuditEntry.created(actor, "payment", id, Map.of(
                        "orderId", orderId, "status", "pending", "amountCents", amountCents, "currency", currency))))
                .replaceWith(payment);
    }

    public Uni<Optional<Payment>> byId(SqlClient client, UUID id) {
        return one(client, BY_ID, id);
    }

    public Uni<Optional<Payment>> byGatewayKey(SqlClient client, String key) {
        return one(client, BY_GATEWAY_KEY, key);
    }

    public Uni<Optional<Payment>> byCharge(SqlClient client, String chargeId) {
        return one(client, BY_CHARGE, chargeId);
    }

    /** The payment that took the order's money, if any (at most one, by a unique index). */
    public Uni<Optional<Payment>> capturedOf(SqlClient client, UUID orderId) {
        return one(client, CAPTURED_OF_ORDER, orderId);
    }

    /** The order's attempt in flight, if any (at most one, by a unique index). */
    public Uni<Optional<Payment>> pendingOf(SqlClient client, UUID orderId) {
        return one(client, PENDING_OF_ORDER, orderId);
    }

    public Uni<Boolean> refundKnown(SqlClient client, String gatewayRefundId) {
        return client.preparedQuery(REFUND_KNOWN).execute(Tuple.of(gatewayRefundId)).map(rows -> rows.rowCount() > 0);
    }

    /** PENDING attempts older than {@code age}, oldest first. */
    public Uni<List<UUID>> stalePending(SqlClient client, Duration age, int limit) {
        return client.preparedQuery(STALE_PENDING).execute(Tuple.of((double) age.toSeconds(), limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    /** PENDING (or FAILED) -> SUCCEEDED. False when the payment was already settled. */
    public Uni<Boolean> markSucceeded(SqlClient tx, UUID paymentId, String chargeId, Actor actor) {
        return tx.preparedQuery(MARK_SUCCEEDED).execute(Tuple.of(paymentId, chargeId))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : audit.record(tx, AuditEntry.updated(actor, "payment", paymentId,
                                Map.of("status", rows.iterator().next().getString("status")),
                                Map.of("status", "succeeded", "gatewayChargeId", chargeId))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** PENDING -> FAILED with the reason. False when the payment was no longer pending. */
    public Uni<Boolean> markFailed(SqlClient tx, UUID paymentId, String reason, Actor actor) {
        return tx.preparedQuery(MARK_FAILED).execute(Tuple.of(paymentId, reason))
                .call(rows -> auditFailed(tx, rows, reason, actor))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Fails the order's attempt in flight, if there is one (its charge, should it land later, is refunded). */
    public Uni<Void> failPendingOf(SqlClient tx, UUID orderId, String reason, Actor actor) {
        return tx.preparedQuery(FAIL_PENDING_OF_ORDER).execute(Tuple.of(orderId, reason))
                .call(rows -> auditFailed(tx, rows, reason, actor))
                .replaceWithVoid();
    }

    /**
     * Adds a refund the gateway made to a captured payment (REFUNDED once refunded in full) and
     * writes the refunds row. False when the payment changed since {@code payment} was read.
     */
    public Uni<Boolean> addRefund(SqlClient tx, Payment payment, long amountCents, String gatewayRefundId, String reason, Actor actor) {
        return tx.preparedQuery(ADD_REFUND).execute(Tuple.of(payment.id(), amountCents, payment.amountRefundedCents()))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    return audit.record(tx, AuditEntry.updated(actor, "payment", payment.id(),
                                    Map.of("status", payment.status(), "amountRefundedCents", payment.amountRefundedCents()),
                                    Map.of("status", row.getString("status"), "amountRefundedCents", row.getLong("amount_refunded_cents"))))
                            .chain(() -> insertRefund(tx, payment.id(), amountCents, gatewayRefundId, reason, actor))
                            .replaceWith(true);
                });
    }

    /** Records a charge that landed after its order was given up, and the gateway refund that undid it. */
    public Uni<Boolean> markRefundedLate(SqlClient tx, UUID paymentId, String chargeId, String gatewayRefundId, Actor actor) {
        return tx.preparedQuery(MARK_REFUNDED_LATE).execute(Tuple.of(paymentId, chargeId)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().item(false);
            }
            long amount = rows.iterator().next().getLong("amount_cents");
            return audit.record(tx, AuditEntry.updated(actor, "payment", paymentId, null,
                            Map.of("status", "refunded", "gatewayChargeId", chargeId, "amountRefundedCents", amount)))
                    .chain(() -> insertRefund(tx, paymentId, amount, gatewayRefundId, "order_no_longer_payable", actor))
                    .replaceWith(true);
        });
    }

    private Uni<Void> insertRefund(SqlClient tx, UUID paymentId, long amountCents, String gatewayRefundId, String reason, Actor actor) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery(INSERT_REFUND)
                .execute(Tuple.from(new Object[] {id, paymentId, amountCents, gatewayRefundId, reason, actor.userId()}))
                .chain(() -> audit.record(tx, AuditEntry.created(actor, "refund", id, Map.of(
                        "paymentId", paymentId, "amountCents", amountCents, "gatewayRefundId", gatewayRefundId))));
    }

    private Uni<Void> auditFailed(SqlClient tx, RowSet<Row> rows, String reason, Actor actor) {
        if (rows.rowCount() == 0) {
            return Uni.createFrom().voidItem();
        }
        UUID id = rows.iterator().next().getUUID("id");
        return audit.record(tx, AuditEntry.updated(actor, "payment", id,
                Map.of("status", "pending"), Map.of("status", "failed", "failureReason", reason)));
    }

    private static Uni<Optional<Payment>> one(SqlClient client, String sql, Object key) {
        return client.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(toPayment(found.next())) : Optional.<Payment>empty();
        });
    }

    private static Payment toPayment(Row row) {
        return new Payment(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("payment_method_id"), row.getString("status"), row.getLong("amount_cents"),
                row.getLong("amount_refunded_cents"), row.getString("currency"), row.getString("gateway_charge_id"),
                row.getString("gateway_idempotency_key"));
    }
}
