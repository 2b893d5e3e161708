package io.orderflow.payment;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.DataAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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
 * The refunds table. A refund is written PENDING, with a gateway idempotency key derived from its
 * own id ({@code refund_<id>}), before the gateway is asked; the gateway's answer then makes it SUCCEEDED or FAILED.
 * A crash in between leaves a pending row that is sent again under the same key, so money moves
 * at most once per refund and never without a record.
 */
@DataAccess
@ApplicationScoped
public class Refunds {

    /** A refund with what the gateway needs to make it. */
    public record Refund(UUID id, UUID paymentId, long amountCents, RefundStatus status, String gatewayIdempotencyKey, String chargeId) {
    }

    static final String INSERT_PENDING = """
            INSERT INTO refunds (id, payment_id, amount_cents, reason, created_by, status, gateway_idempotency_key)
            VALUES ($1, $2, $3, $4, $5, 'pending', $6)""";

    static final String INSERT_MADE_AT_GATEWAY = """
            INSERT INTO refunds (id, payment_id, amount_cents, gateway_refund_id, reason, status, completed_at)
            VALUES ($1, $2, $3, $4, 'gateway_refund', 'succeeded', now())""";

    static final String BY_ID = """
            SELECT r.id, r.payment_id, r.amount_cents, r.status, r.gateway_idempotency_key, p.gateway_charge_id
            FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.id = $1""";

    static final String COMPLETE = """
            UPDATE refunds SET status = 'succeeded', gateway_refund_id = $2, completed_at = now()
            WHERE id = $1 AND status = 'pending'
            RETURNING payment_id, amount_cents""";

    static final String FAIL = """
            UPDATE refunds SET status = 'failed', failure_reason = $2, completed_at = now()
            WHERE id = $1 AND status = 'pending'
            RETURNING id""";

    static final String KNOWN = "SELECT 1 FROM refunds WHERE gateway_refund_id = $1";

    // A lease per refund: instances retrying at once each take different rows. Never-sent refunds come first,
    // then the one whose lease ran out longest ago, so refunds the gateway keeps failing take their turn behind
    // the others instead of filling every batch.
    static final String LEASE_PENDING = """
            UPDATE refunds SET retry_after = now() + make_interval(secs => $3)
            WHERE id IN (SELECT id FROM refunds
                         WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
                           AND (retry_after IS NULL OR retry_after < now())
                         ORDER BY retry_after NULLS FIRST, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private final AuditLog audit;
    private final Payments payments;

    Refunds(AuditLog audit, Payments payments) {
        this.audit = audit;
        this.payments = payments;
    }

    /** Writes a PENDING refund of {@code amountCents} of {@code payment}; the caller checked it fits. */
    public Uni<Void> insertPending(SqlClient tx, UUID refundId, Payments.Payment payment, long amountCents, String reason, Actor actor) {
        return tx.preparedQuery(INSERT_PENDING)
                .execute(Tuple.from(new Object[] {refundId, payment.id(), amountCents, reason, actor.userId(), "refund_" + refundId}))
                .chain(() -> audit.record(tx, AuditEntry.created(actor, "refund", refundId, Map.of(
                        "paymentId", payment.id(), "amountCents", amountCents, "status", RefundStatus.PENDING, "reason", reason))));
    }

    public Uni<Optional<Refund>> byId(SqlClient client, UUID refundId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(refundId)).map(rows -> {
            var found = rows.iterator();
            if (!found.hasNext()) {
                return Optional.empty();
            }
            Row row = found.next();
            return Optional.of(new Refund(row.getUUID("id"), row.getUUID("payment_id"), row.getLong("amount_cents"),
                    RefundStatus.of(row.getString("status")), row.getString("gateway_idempotency_key"), row.getString("gateway_charge_id")));
        });
    }

    /** PENDING -> SUCCEEDED with the gateway's refund id, and the payment's refunded amount with it. */
    public Uni<Void> complete(SqlClient tx, UUID refundId, String gatewayRefundId, Actor actor) {
        return tx.preparedQuery(COMPLETE).execute(Tuple.of(refundId, gatewayRefundId)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().voidItem();
            }
            Row row = rows.iterator().next();
            return audit.record(tx, AuditEntry.updated(actor, "refund", refundId, Map.of("status", RefundStatus.PENDING),
                            Map.of("status", RefundStatus.SUCCEEDED, "gatewayRefundId", gatewayRefundId)))
                    .chain(() -> payments.addRefunded(tx, row.getUUID("payment_id"), row.getLong("amount_cents"), actor));
        });
    }

    /** PENDING -> FAILED: the gateway refused it, so what it held back is refundable again. */
    public Uni<Void> fail(SqlClient tx, UUID refundId, String reason, Actor actor) {
        return tx.preparedQuery(FAIL).execute(Tuple.of(refundId, reason)).chain(rows -> rows.rowCount() == 0
                ? Uni.createFrom().voidItem()
                : audit.record(tx, AuditEntry.updated(actor, "refund", refundId, Map.of("status", RefundStatus.PENDING),
                        Map.of("status", RefundStatus.FAILED, "failureReason", reason))));
    }

    /** Records a refund someone made at the gateway itself (its dashboard), reported by a webhook. */
    public Uni<Void> recordMadeAtGateway(SqlClient tx, Payments.Payment payment, long amountCents, String gatewayRefundId, Actor actor) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery(INSERT_MADE_AT_GATEWAY).execute(Tuple.of(id, payment.id(), amountCents, gatewayRefundId))
                .chain(() -> audit.record(tx, AuditEntry.created(actor, "refund", id, Map.of(
                        "paymentId", payment.id(), "amountCents", amountCents, "gatewayRefundId", gatewayRefundId))))
                .chain(() -> payments.addRefunded(tx, payment.id(), amountCents, actor));
    }

    public Uni<Boolean> known(SqlClient client, String gatewayRefundId) {
        return client.preparedQuery(KNOWN).execute(Tuple.of(gatewayRefundId)).map(rows -> rows.rowCount() > 0);
    }

    /** Leases up to {@code limit} refunds pending for longer than {@code age} to this caller for {@code lease}. */
    public Uni<List<UUID>> leasePending(SqlClient client, Duration age, int limit, Duration lease) {
        return client.preparedQuery(LEASE_PENDING).execute(Tuple.of((double) age.toSeconds(), limit, (double) lease.toSeconds()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }
}
