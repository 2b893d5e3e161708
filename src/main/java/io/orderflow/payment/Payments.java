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
 * The payments table. Every decision about an attempt is a conditional UPDATE from the states it
 * may leave, and the paths that decide (the synchronous checkout, webhooks, the reconciler, a
 * resumed run) first lock the order and then the payment row ({@link #lock}), so exactly one of
 * them decides and the others find it decided. Each change writes its audit row in the caller's
 * transaction. States: pending -> succeeded | failed | unknown; unknown -> succeeded | failed
 * once the gateway is asked; a failed attempt may still turn out captured (a late capture);
 * succeeded -> refunded once refunded in full.
 */
@ApplicationScoped
public class Payments {

    /** A charge attempt; {@code pendingRefundCents} is what refunds recorded but not yet answered hold back. */
    public record Payment(UUID id, UUID orderId, UUID paymentMethodId, PaymentStatus status, long amountCents, long amountRefundedCents,
                          long pendingRefundCents, String currency, String gatewayChargeId, String gatewayIdempotencyKey,
                          boolean lateCapture) {

        /** What may still be refunded: captured, less what is refunded or on its way back. */
        public long refundable() {
            return amountCents - amountRefundedCents - pendingRefundCents;
        }

        public boolean isCaptured() {
            return status.isCaptured();
        }
    }

    static final String COLUMNS = """
            p.id, p.order_id, p.payment_method_id, p.status, p.amount_cents, p.amount_refunded_cents, p.currency,
            p.gateway_charge_id, p.gateway_idempotency_key, p.late_capture,
            (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'pending') AS pending_refund_cents""";

    static final String INSERT_PENDING = """
            INSERT INTO payments (id, order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key)
            VALUES ($1, $2, $3, $4, $5, $6)""";

    static final String BY_ID = "SELECT " + COLUMNS + " FROM payments p WHERE p.id = $1";

    // Only the row is locked here; what it holds back in refunds is read by the next statement. Under
    // READ COMMITTED a FOR UPDATE that waited re-reads the locked row but not a subquery, which would
    // still see a refund as pending that the lock holder just completed, and count it twice.
    static final String LOCK = "SELECT id FROM payments WHERE id = $1 FOR UPDATE";

    static final String BY_GATEWAY_KEY = "SELECT " + COLUMNS + " FROM payments p WHERE p.gateway_idempotency_key = $1";

    static final String BY_CHARGE = "SELECT " + COLUMNS + " FROM payments p WHERE p.gateway_charge_id = $1";

    static final String LOCK_CAPTURED_OF_ORDER = """
            SELECT id FROM payments WHERE order_id = $1 AND status IN ('succeeded', 'refunded') AND NOT late_capture
            FOR UPDATE""";

    static final String UNSETTLED_OF_ORDER = "SELECT " + COLUMNS + " FROM payments p WHERE p.order_id = $1 AND p.status IN ('pending', 'unknown')";

    // A lease per attempt: instances reconciling at once each take different rows. Attempts never asked about come
    // first, then the one whose lease ran out longest ago, so attempts that keep failing take their turn behind the
    // others instead of filling every batch.
    static final String LEASE_UNSETTLED = """
            UPDATE payments SET reconcile_after = now() + make_interval(secs => $3)
            WHERE id IN (SELECT id FROM payments
                         WHERE status IN ('pending', 'unknown') AND attempted_at < now() - make_interval(secs => $1)
                           AND (reconcile_after IS NULL OR reconcile_after < now())
                         ORDER BY reconcile_after NULLS FIRST, attempted_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    // The gateway may decide after we stopped waiting, so a FAILED or UNKNOWN attempt may still succeed.
    static final String MARK_CAPTURED = """
            UPDATE payments SET status = 'succeeded', gateway_charge_id = $2, late_capture = $3, succeeded_at = now(),
                   failure_reason = NULL, failed_at = NULL
            WHERE id = $1 AND status IN ('pending', 'unknown', 'failed')
            RETURNING id""";

    static final String MARK_FAILED = """
            UPDATE payments SET status = 'failed', failure_reason = $2, failed_at = now()
            WHERE id = $1 AND status IN ('pending', 'unknown')
            RETURNING id""";

    static final String MARK_UNKNOWN = """
            UPDATE payments SET status = 'unknown'
            WHERE id = $1 AND status = 'pending'
            RETURNING id""";

    static final String ADD_REFUNDED = """
            UPDATE payments SET amount_refunded_cents = amount_refunded_cents + $2,
                   status = CASE WHEN amount_refunded_cents + $2 = amount_cents THEN 'refunded' ELSE status END
            WHERE id = $1 AND status = 'succeeded'
            RETURNING amount_refunded_cents, status""";

    private final AuditLog audit;

    Payments(AuditLog audit) {
        this.audit = audit;
    }

    /** Records a new PENDING attempt; its id is the gateway idempotency key, so a retried charge never doubles. */
    public Uni<Payment> insertPending(SqlClient tx, UUID orderId, UUID paymentMethodId, long amountCents, String currency, Actor actor) {
        UUID id = UUID.randomUUID();
        String gatewayKey = "pay_" + id;
        Payment payment = new Payment(id, orderId, paymentMethodId, PaymentStatus.PENDING, amountCents, 0, 0, currency, null, gatewayKey, false);
        return tx.preparedQuery(INSERT_PENDING)
                .execute(Tuple.from(new Object[] {id, orderId, paymentMethodId, amountCents, currency, gatewayKey}))
                .call(() -> audit.record(tx, AuditEntry.created(actor, "payment", id, Map.of(
                        "orderId", orderId, "status", PaymentStatus.PENDING, "amountCents", amountCents, "currency", currency))))
                .replaceWith(payment);
    }

    public Uni<Optional<Payment>> byId(SqlClient client, UUID id) {
        return one(client, BY_ID, id);
    }

    /** The attempt, locked until the caller's transaction ends, as it is once locked; lock its order first. */
    public Uni<Payment> lock(SqlClient tx, UUID id) {
        return lockedThenRead(tx, LOCK, id).map(Optional::orElseThrow);
    }

    public Uni<Optional<Payment>> byGatewayKey(SqlClient client, String key) {
        return one(client, BY_GATEWAY_KEY, key);
    }

    public Uni<Optional<Payment>> byCharge(SqlClient client, String chargeId) {
        return one(client, BY_CHARGE, chargeId);
    }

    /** The capture that paid the order, if any (at most one, by a unique index), locked; lock the order first. */
    public Uni<Optional<Payment>> capturedOf(SqlClient tx, UUID orderId) {
        return lockedThenRead(tx, LOCK_CAPTURED_OF_ORDER, orderId);
    }

    /** The order's attempt in flight or with an unknown outcome, if any (at most one, by a unique index). */
    public Uni<Optional<Payment>> unsettledOf(SqlClient client, UUID orderId) {
        return one(client, UNSETTLED_OF_ORDER, orderId);
    }

    /**
     * Leases up to {@code limit} attempts unsettled for longer than {@code age} to this caller for
     * {@code lease}: another instance running the same job meanwhile takes other rows.
     */
    public Uni<List<UUID>> leaseUnsettled(SqlClient client, Duration age, int limit, Duration lease) {
        return client.preparedQuery(LEASE_UNSETTLED).execute(Tuple.of((double) age.toSeconds(), limit, (double) lease.toSeconds()))
                .map(Payments::ids);
    }

    /** The attempt took the money and paid its order. False when it was already settled. */
    public Uni<Boolean> markSucceeded(SqlClient tx, Payment payment, String chargeId, Actor actor) {
        return markCaptured(tx, payment, chargeId, false, actor);
    }

    /**
     * The attempt took money its order no longer wants (paid by another attempt, or given up): it is
     * recorded as a late capture, to be refunded in full. False when it was already settled.
     */
    public Uni<Boolean> markLateCapture(SqlClient tx, Payment payment, String chargeId, Actor actor) {
        return markCaptured(tx, payment, chargeId, true, actor);
    }

    /** PENDING or UNKNOWN -> FAILED with the reason. False when the attempt was already settled. */
    public Uni<Boolean> markFailed(SqlClient tx, UUID paymentId, String reason, Actor actor) {
        return tx.preparedQuery(MARK_FAILED).execute(Tuple.of(paymentId, reason))
                .call(rows -> audited(tx, rows, actor, paymentId, Map.of("status", PaymentStatus.FAILED, "failureReason", reason)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** PENDING -> UNKNOWN: the charge went unanswered. False when the attempt was no longer pending. */
    public Uni<Boolean> markUnknown(SqlClient tx, UUID paymentId, Actor actor) {
        return tx.preparedQuery(MARK_UNKNOWN).execute(Tuple.of(paymentId))
                .call(rows -> audited(tx, rows, actor, paymentId, Map.of("status", PaymentStatus.UNKNOWN)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Adds a refund the gateway made to the captured payment (REFUNDED once refunded in full). */
    Uni<Void> addRefunded(SqlClient tx, UUID paymentId, long amountCents, Actor actor) {
        return tx.preparedQuery(ADD_REFUNDED).execute(Tuple.of(paymentId, amountCents)).chain(rows -> {
            if (rows.rowCount() == 0) {
                throw new IllegalStateException("Payment " + paymentId + " is not a capture that can take a refund");
            }
            Row row = rows.iterator().next();
            return audit.record(tx, AuditEntry.updated(actor, "payment", paymentId, null,
                    Map.of("status", PaymentStatus.of(row.getString("status")), "amountRefundedCents", row.getLong("amount_refunded_cents"))));
        });
    }

    private Uni<Boolean> markCaptured(SqlClient tx, Payment payment, String chargeId, boolean late, Actor actor) {
        return tx.preparedQuery(MARK_CAPTURED).execute(Tuple.of(payment.id(), chargeId, late))
                .call(rows -> audited(tx, rows, actor, payment.id(), Map.of("from", payment.status(), "status", PaymentStatus.SUCCEEDED,
                        "gatewayChargeId", chargeId, "lateCapture", late)))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Void> audited(SqlClient tx, RowSet<Row> rows, Actor actor, UUID paymentId, Map<String, Object> change) {
        return rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                : audit.record(tx, AuditEntry.updated(actor, "payment", paymentId, null, change));
    }

    /** Locks the row {@code lockSql} finds, then reads it whole in a statement that sees everything committed before the lock. */
    private static Uni<Optional<Payment>> lockedThenRead(SqlClient tx, String lockSql, Object key) {
        return tx.preparedQuery(lockSql).execute(Tuple.of(key)).chain(rows -> rows.rowCount() == 0
                ? Uni.createFrom().item(Optional.<Payment>empty())
                : one(tx, BY_ID, rows.iterator().next().getUUID("id")));
    }

    private static Uni<Optional<Payment>> one(SqlClient client, String sql, Object key) {
        return client.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(toPayment(found.next())) : Optional.<Payment>empty();
        });
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }

    private static Payment toPayment(Row row) {
        return new Payment(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("payment_method_id"), PaymentStatus.of(row.getString("status")),
                row.getLong("amount_cents"), row.getLong("amount_refunded_cents"), row.getLong("pending_refund_cents"),
                row.getString("currency"), row.getString("gateway_charge_id"), row.getString("gateway_idempotency_key"),
                row.getBoolean("late_capture"));
    }
}
