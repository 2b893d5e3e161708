package io.orderflow.ordering;

import io.orderflow.platform.ConflictException;
import io.orderflow.platform.ScheduledWork;
import io.orderflow.platform.UnprocessableException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Idempotency records of the order endpoints, per customer, scope and key. The first request
 * claims the key with a lock; the same request again replays the stored response, a different
 * one answers 422, and one arriving while the first still holds the lock answers 409. A lock
 * left by a crashed instance expires and the next request takes over, resuming from the order
 * the first one wrote (orders' UNIQUE (customer, key) stops a second one).
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** What a request may do with its key: run ({@code orderId} set when resuming a crashed run) or replay. */
    public record Claim(UUID id, UUID orderId, CheckoutResponse replay) {

        boolean isReplay() {
            return replay != null;
        }
    }

    static final String CLAIM = """
            INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, locked_until, expires_at)
            VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6))
            ON CONFLICT (customer_id, scope, idempotency_key) DO NOTHING
            RETURNING id""";

    static final String EXISTING = """
            SELECT id, request_hash, order_id, response_status, response_body, locked_until > now() AS locked
            FROM idempotency_keys WHERE customer_id = $1 AND scope = $2 AND idempotency_key = $3""";

    static final String TAKE_OVER = """
            UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2)
            WHERE id = $1 AND completed_at IS NULL AND (locked_until IS NULL OR locked_until <= now())
            RETURNING order_id""";

    static final String LINK_ORDER = """
            UPDATE idempotency_keys SET order_id = $2 WHERE id = $1""";

    static final String COMPLETE = """
            UPDATE idempotency_keys SET response_status = $2, response_body = $3, completed_at = now(), locked_until = NULL
            WHERE id = $1""";

    // A run that failed before writing an order leaves nothing to protect: the key is free again.
    static final String FORGET = """
            DELETE FROM idempotency_keys WHERE id = $1 AND completed_at IS NULL AND order_id IS NULL""";

    static final String UNLOCK = """
            UPDATE idempotency_keys SET locked_until = NULL WHERE id = $1 AND completed_at IS NULL""";

    static final String PURGE = """
            DELETE FROM idempotency_keys
            WHERE expires_at < now() AND (completed_at IS NOT NULL OR locked_until IS NULL OR locked_until < now())""";

    private final Pool db;
    private final Duration lock;
    private final Duration retention;
    private final ScheduledWork work;

    IdempotencyKeys(Pool db,
                    @ConfigProperty(name = "orderflow.checkout.idempotency.lock") Duration lock,
                    @ConfigProperty(name = "orderflow.checkout.idempotency.retention") Duration retention,
                    ScheduledWork work) {
        this.db = db;
        this.lock = lock;
        this.retention = retention;
        this.work = work;
    }

    public Uni<Claim> claim(UUID customerId, String scope, String key, String requestHash) {
        return db.preparedQuery(CLAIM)
                .execute(Tuple.from(new Object[] {customerId, scope, key, requestHash, (double) lock.toSeconds(), (double) retention.toSeconds()}))
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(new Claim(rows.iterator().next().getUUID("id"), null, null))
                        : existing(customerId, scope, key, requestHash));
    }

    /** Ties the key to the order, in the transaction that writes the order. */
    public Uni<Void> linkOrder(SqlClient tx, UUID claimId, UUID orderId) {
        return tx.preparedQuery(LINK_ORDER).execute(Tuple.of(claimId, orderId)).replaceWithVoid();
    }

    public Uni<Void> complete(UUID claimId, CheckoutResponse response) {
        return db.preparedQuery(COMPLETE).execute(Tuple.of(claimId, (short) response.status(), response.body())).replaceWithVoid();
    }

    /** Gives the key back after a failure that stored no response. */
    public Uni<Void> release(UUID claimId) {
        return db.preparedQuery(FORGET).execute(Tuple.of(claimId))
                .chain(() -> db.preparedQuery(UNLOCK).execute(Tuple.of(claimId)))
                .replaceWithVoid();
    }

    @Scheduled(every = "${orderflow.checkout.idempotency.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return work.run("idempotency-purge", () -> db.query(PURGE).execute()
                .invoke(rows -> LOG.debugf("Purged %d expired idempotency keys", rows.rowCount())));
    }

    private Uni<Claim> existing(UUID customerId, String scope, String key, String requestHash) {
        return db.preparedQuery(EXISTING).execute(Tuple.of(customerId, scope, key)).chain(rows -> {
            if (rows.rowCount() == 0) {
                // The holder failed and gave the key back between our insert and this read.
                return claim(customerId, scope, key, requestHash);
            }
            Row row = rows.iterator().next();
            if (!row.getString("request_hash").equals(requestHash)) {
                throw new UnprocessableException("idempotency-key-reused",
                        "This Idempotency-Key was already used with a different request");
            }
            if (row.getValue("response_status") != null) {
                JsonObject body = (JsonObject) row.getValue("response_body");
                return Uni.createFrom().item(new Claim(row.getUUID("id"), row.getUUID("order_id"),
                        new CheckoutResponse(row.getShort("response_status"), body)));
            }
            if (Boolean.TRUE.equals(row.getBoolean("locked"))) {
                throw inFlight();
            }
            return takeOver(row.getUUID("id"));
        });
    }

    private Uni<Claim> takeOver(UUID claimId) {
        return db.preparedQuery(TAKE_OVER).execute(Tuple.of(claimId, (double) lock.toSeconds())).map(rows -> {
            if (rows.rowCount() == 0) {
                throw inFlight();
            }
            return new Claim(claimId, rows.iterator().next().getUUID("order_id"), null);
        });
    }

    private static ConflictException inFlight() {
        return new ConflictException("idempotency-in-flight",
                "A request with this Idempotency-Key is still being processed; retry shortly");
    }
}
