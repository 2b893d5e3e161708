package io.orderflow.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads that may be a little behind the last commit (public catalog listings and searches) go to a
 * PostgreSQL streaming replica when one is configured and fresh; everything else, and these too when the
 * replica is unset, down, lagging past {@code orderflow.replica.max-lag} or failing, goes to the primary.
 * <p>
 * Freshness is measured, not assumed: every {@code check-every}, the primary's WAL position and the
 * replica's replayed position ({@link ReplicaLag}). A read the replica fails is read again on the primary
 * and takes the replica out until the next check finds it fresh. After a write these reads must show
 * ({@link #afterWrite}) they go to the primary until the replica surely has it, so a listing is not older
 * with a replica than without one. What must see a write at once never comes
 * here: staff views, a customer's own orders, cart and checkout, and product pages (their caches are filled
 * from the primary, so an eviction is never followed by a reload of the old row).
 * Metrics: {@code orderflow_replica_reads_total}, {@code orderflow_replica_fallbacks_total{reason}} (starting, lagging, down, failed, not-replica, recent-write),
 * {@code orderflow_replica_lag_seconds} (NaN while unknown).
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);
    private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0')::bigint";
    private static final String REPLAYED_POSITION = "SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint";

    private final Pool primary;
    private final Pool replica;
    private final ReplicaConfig config;
    private final Vertx vertx;
    private final ReplicaLag lag;
    private final Counter replicaReads;
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    /** Why reads go to the primary now; null while the replica is fresh. */
    private volatile String unusable = "starting";
    private volatile double lagSeconds = Double.NaN;
    private volatile boolean checking;
    /** Until when (System.nanoTime) reads go to the primary because of a write the replica may still miss. */
    private volatile long primaryUntil = System.nanoTime();
    private long timer = -1;

    ReadReplica(Pool primary, ReplicaConfig config, Vertx vertx, MeterRegistry metrics,
                @ConfigProperty(name = "orderflow.database.name") String database,
                @ConfigProperty(name = "quarkus.datasource.username") String user,
                @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.primary = primary;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.lag = new ReplicaLag(config.maxLag().toMillis() * 4);
        this.replica = config.address().map(address -> PgBuilder.pool()
                // No pool connection timeout: in this Vert.x (vertx-sql-client#1706) its timer outlives a failed
                // connect and fails the request a second time, an uncaught error per read while the replica is
                // down. A bounded wait queue and a short TCP connect timeout make a read fail fast instead,
                // and a failed read is read again on the primary.
                .with(new PoolOptions().setMaxSize(config.poolSize()).setName("replica")
                        .setConnectionTimeout(0).setMaxWaitQueueSize(config.poolSize() * 8))
                .connectingTo(new PgConnectOptions().setConnectTimeout(1_000)
                        .setHost(address.substring(0, address.lastIndexOf(':')))
                        .setPort(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))
                        .setDatabase(database).setUser(user).setPassword(password.orElse(""))
                        .setCachePreparedStatements(true))
                .using(vertx)
                .build()).orElse(null);
        this.replicaReads = Counter.builder("orderflow.replica.reads")
                .description("Reads the replica served").register(metrics);
        Gauge.builder("orderflow.replica.lag", () -> lagSeconds).baseUnit("seconds")
                .description("How far the replica's replay is behind the primary; NaN while unknown").register(metrics);
    }

    /** {@code query} on the replica when it is fresh, else (or when it fails there) on the primary. */
    public <T> Uni<T> read(Function<SqlClient, Uni<T>> query) {
        if (replica == null) {
            return query.apply(primary);
        }
        String reason = System.nanoTime() - primaryUntil < 0 ? "recent-write" : unusable;
        if (reason != null) {
            fallback(reason);
            return query.apply(primary);
        }
        replicaReads.increment();
        return query.apply(replica).onFailure().recoverWithUni(failure -> {
            LOG.warnf("A read failed on the replica and is read on the primary; reads go there until the replica is fresh again: %s", failure.toString());
            unusable = "failed";
            fallback("failed");
            return query.apply(primary);
        });
    }

    /**
     * A write was committed that these reads must show (a product changed, here or on another instance): they
     * go to the primary until the replica surely has it. A fresh replica held every commit older than max-lag
     * at its last check, at most check-every ago, so after their sum it holds this one too.
     */
    public void afterWrite() {
        primaryUntil = System.nanoTime() + config.maxLag().toNanos() + config.checkEvery().toNanos();
    }

    void start(@Observes StartupEvent start) {
        if (replica != null) {
            timer = vertx.setPeriodic(config.checkEvery().toMillis(), ignored -> check());
        }
    }

    void stopChecking(@Observes ShutdownDelayInitiatedEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void close(@Observes ShutdownEvent stop) {
        if (replica != null) {
            replica.closeAndAwait();
        }
    }

    /** One measurement: the primary's position, then the replica's; a check still running skips this one. */
    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        long asked = System.currentTimeMillis();
        primary.query(PRIMARY_POSITION).execute()
                .invoke(rows -> lag.primaryAt(asked, rows.iterator().next().getLong(0)))
                .chain(() -> replica.query(REPLAYED_POSITION).execute())
                .subscribe().with(rows -> {
                    judge(rows.iterator().next());
                    checking = false;
                }, failure -> {
                    if (unusable == null) {
                        LOG.warnf("Replica check failed; reads go to the primary until one passes: %s", failure.toString());
                    }
                    unusable = "down";
                    lagSeconds = Double.NaN;
                    checking = false;
                });
    }

    private void judge(Row replayed) {
        Long position = replayed.getLong(0);
        if (position == null) {
            // Not in recovery: promoted or pointed at a primary; its data may have parted from ours.
            unusable = "not-replica";
            lagSeconds = Double.NaN;
            return;
        }
        OptionalLong staleness = lag.stalenessMillis(position, System.currentTimeMillis());
        lagSeconds = staleness.isPresent() ? staleness.getAsLong() / 1000.0 : Double.NaN;
        boolean fresh = staleness.isPresent() && staleness.getAsLong() <= config.maxLag().toMillis();
        if (fresh != (unusable == null)) {
            LOG.infof(fresh ? "Replica fresh (%.3f s behind): catalog listings read there"
                    : "Replica lagging (%s s behind): catalog listings read on the primary", lagSeconds);
        }
        unusable = fresh ? null : "lagging";
    }

    private void fallback(String reason) {
        fallbacks.computeIfAbsent(reason, key -> Counter.builder("orderflow.replica.fallbacks")
                .description("Reads meant for the replica that the primary served, by why")
                .tag("reason", key).register(metrics)).increment();
    }
}
