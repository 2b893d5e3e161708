package io.orderflow.ordering;

import io.orderflow.platform.ConflictException;
import io.orderflow.platform.DataAccess;
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
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency records of the order endpoints, per customer, scope and key. The first request
 * claims the key with a lock naming this instance; the same request again replays the stored
 * response, a different one answers 422, and one arriving while the first still runs answers 409
 * with Retry-After. A run that gave up without a final answer (the database or the gateway stayed
 * away) unlocks its key, and should even that fail, a retry reaching this instance sees that no
 * run holds the key here and takes it over at once; a lock left by a crashed instance expires
 * and the next request, or {@link StrandedCheckouts}, takes over, resuming from the order the
 * first run wrote (orders' UNIQUE (customer, key) stops a second one).
 */
@DataAccess
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** What a request may do with its key: run ({@code orderId} set when resuming a run that stopped) or replay. */
    public record Claim(UUID id, UUID orderId, CheckoutResponse replay) {

        boolean isReplay() {
            return replay != null;
        }
    }

    /** A key whose run stopped after writing its order, taken over by this instance. */
    record Stranded(UUID id, UUID customerId, String scope, UUID orderId) {
    }

    static final String CLAIM = """
            INSERT INTO idempotency_keys (id, customer_id, scope, idempotency_key, request_hash, locked_until, locked_by, expires_at)
            VALUES ($8, $1, $2, $3, $4, now() + make_interval(secs => $5), $7, now() + make_interval(secs => $6))
            ON CONFLICT (customer_id, scope, idempotency_key) DO NOTHING
            RETURNING id""";

    // An order under this key older than the key's record: the record was purged and the key reused.
    static final String ORDER_BEFORE_CLAIM = """
            SELECT 1 FROM orders o JOIN idempotency_keys k ON k.id = $1
            WHERE o.customer_id = k.customer_id AND o.idempotency_key = k.idempotency_key AND o.created_at < k.created_at""";

    static final String USED = """
            SELECT 1 FROM idempotency_keys WHERE customer_id = $1 AND scope = $2 AND idempotency_key = $3""";

    static final String EXISTING = """
            SELECT id, request_hash, order_id, response_status, response_body, locked_by,
                   locked_until > now() AS locked
            FROM idempotency_keys WHERE customer_id = $1 AND scope = $2 AND idempotency_key = $3""";

    // $4: this instance may take a lock it holds itself (no run here holds the key any more).
    static final String TAKE_OVER = """
            UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2), locked_by = $3
            WHERE id = $1 AND completed_at IS NULL
              AND (locked_until IS NULL OR locked_until <= now() OR ($4 AND locked_by = $3))
            RETURNING order_id""";

    static final String LINK_ORDER = """
            UPDATE idempotency_keys SET order_id = $2 WHERE id = $1""";

    static final String LINKED_ORDER = """
            SELECT order_id FROM idempotency_keys WHERE id = $1""";

    static final String COMPLETE = """
            UPDATE idempotency_keys SET response_status = $2, response_body = $3, completed_at = now(), locked_until = NULL
            WHERE id = $1 AND completed_at IS NULL""";

    // A run that failed before writing an order leaves nothing to protect: the key is free again.
    static final String FORGET = """
            DELETE FROM idempotency_keys WHERE id = $1 AND completed_at IS NULL AND order_id IS NULL""";

    static final String UNLOCK = """
            UPDATE idempotency_keys SET locked_until = NULL WHERE id = $1 AND completed_at IS NULL""";

    // Checkout runs that stopped after writing their order, unlocked or with their lock run out, taken by this instance.
    static final String TAKE_OVER_STRANDED = """
            UPDATE idempotency_keys k SET locked_until = now() + make_interval(secs => $2), locked_by = $3
            WHERE k.id IN (SELECT id FROM idempotency_keys
                           WHERE completed_at IS NULL AND order_id IS NOT NULL AND (locked_until IS NULL OR locked_until < now())
                             AND (scope = $4 OR scope LIKE 'order-payment:%')
                           ORDER BY locked_until LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING k.id, k.customer_id, k.scope, k.order_id""";

    // FOR UPDATE SKIP LOCKED: instances purging at once take different rows, and a key a request holds is left for later.
    static final String PURGE = """
            DELETE FROM idempotency_keys WHERE id IN (
                SELECT id FROM idempotency_keys
                WHERE expires_at < now() AND (completed_at IS NOT NULL OR locked_until IS NULL OR locked_until < now())
                LIMIT $1 FOR UPDATE SKIP LOCKED)""";

    private final Pool db;
    private final Duration lock;
    private final Duration retention;
    private final int purgeBatchSize;
    /** Names this process in locks; a restarted process is another instance. */
    private final String instance = UUID.randomUUID().toString();
    /** Keys whose run is in progress in this process. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final ScheduledWork work;

    IdempotencyKeys(Pool db, CheckoutConfig config, ScheduledWork work) {
        this.db = db;
        this.lock = config.idempotency().lock();
        this.retention = config.idempotency().retention();
        this.purgeBatchSize = config.idempotency().purgeBatchSize();
        this.work = work;
    }

    /**
     * Claims the key for a run, or answers what the key already holds. The claim's id is marked
     * running here before it is written, so a duplicate arriving on this instance never mistakes
     * the fresh lock for one abandoned here.
     */
    public Uni<Claim> claim(UUID customerId, String scope, String key, String requestHash) {
        UUID id = UUID.randomUUID();
        running.add(id);
        return db.preparedQuery(CLAIM)
                .execute(Tuple.from(new Object[] {customerId, scope, key, requestHash, seconds(lock), seconds(retention), instance, id}))
                .onTermination().invoke((rows, failure, cancelled) -> {
                    if (rows == null || rows.rowCount() == 0) {
                        running.remove(id);
                    }
                })
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(new Claim(id, null, null))
                        : existing(customerId, scope, key, requestHash));
    }

    /** True when the key holds no record: no request with it has run, or its record was given back or purged. Writes nothing. */
    public Uni<Boolean> isUnused(UUID customerId, String scope, String key) {
        return db.preparedQuery(USED).execute(Tuple.of(customerId, scope, key)).map(rows -> rows.rowCount() == 0);
    }

    /** True when the orders table holds an order under the claim's key from before the claim (a purged key reused). */
    public Uni<Boolean> orderPredatesClaim(UUID claimId) {
        return db.preparedQuery(ORDER_BEFORE_CLAIM).execute(Tuple.of(claimId)).map(rows -> rows.rowCount() > 0);
    }

    /** Ties the key to the order, in the transaction that writes the order. */
    public Uni<Void> linkOrder(SqlClient tx, UUID claimId, UUID orderId) {
        return tx.preparedQuery(LINK_ORDER).execute(Tuple.of(claimId, orderId)).replaceWithVoid();
    }

    /** The order the key's run wrote, if its transaction committed. */
    public Uni<Optional<UUID>> linkedOrder(UUID claimId) {
        return db.preparedQuery(LINKED_ORDER).execute(Tuple.of(claimId))
                .map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty() : Optional.ofNullable(rows.iterator().next().getUUID(0)));
    }

    /** Stores the final answer; the key replays it from now on. */
    public Uni<Void> complete(UUID claimId, CheckoutResponse response) {
        return db.preparedQuery(COMPLETE).execute(Tuple.of(claimId, (short) response.status(), response.body()))
                .invoke(() -> running.remove(claimId))
                .replaceWithVoid();
    }

    /**
     * Gives the key back after a run that stored no answer: forgotten when the run wrote no order,
     * unlocked when it did (the next request resumes it). Should the database be away for this
     * too, the key is no longer running here, so a retry reaching this instance takes it over.
     */
    public Uni<Void> release(UUID claimId) {
        running.remove(claimId);
        return db.preparedQuery(FORGET).execute(Tuple.of(claimId))
                .chain(() -> db.preparedQuery(UNLOCK).execute(Tuple.of(claimId)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Could not unlock idempotency key %s (%s); a retry on this instance takes it over", claimId, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Takes over up to {@code limit} stranded checkout runs for this instance, oldest lock first. */
    Uni<List<Stranded>> takeOverStranded(int limit) {
        return db.preparedQuery(TAKE_OVER_STRANDED)
                .execute(Tuple.of(limit, seconds(lock), instance, CheckoutPipeline.CREATE_SCOPE))
                .map(rows -> {
                    List<Stranded> stranded = new ArrayList<>();
                    rows.forEach(row -> {
                        Stranded run = new Stranded(row.getUUID("id"), row.getUUID("customer_id"), row.getString("scope"), row.getUUID("order_id"));
                        running.add(run.id());
                        stranded.add(run);
                    });
                    return stranded;
                });
    }

    /** Deletes keys past their retention, in bounded batches. */
    @Scheduled(identity = "idempotency-purge", every = "${orderflow.checkout.idempotency.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return work.inBatches("idempotency-purge", purgeBatchSize, () -> db.preparedQuery(PURGE)
                .execute(Tuple.of(purgeBatchSize))
                .map(rows -> rows.rowCount()));
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
            UUID claimId = row.getUUID("id");
            boolean abandonedHere = instance.equals(row.getString("locked_by")) && !running.contains(claimId);
            if (Boolean.TRUE.equals(row.getBoolean("locked")) && !abandonedHere) {
                throw inFlight();
            }
            return takeOver(claimId, abandonedHere);
        });
    }

    private Uni<Claim> takeOver(UUID claimId, boolean abandonedHere) {
        return db.preparedQuery(TAKE_OVER).execute(Tuple.of(claimId, seconds(lock), instance, abandonedHere)).map(rows -> {
            if (rows.rowCount() == 0 || !running.add(claimId)) {
                throw inFlight();
            }
            return new Claim(claimId, rows.iterator().next().getUUID("order_id"), null);
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static ConflictException inFlight() {
        return new KeyInFlightException();
    }

    /** 409 while another request with the key runs; it finishes within seconds, so retry soon. */
    static final class KeyInFlightException extends ConflictException {

        KeyInFlightException() {
            super("idempotency-in-flight", "A request with this Idempotency-Key is still being processed; retry shortly");
        }

        @Override
        public OptionalLong retryAfterSeconds() {
            return OptionalLong.of(1);
        }
    }
}
