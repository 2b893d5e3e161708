package io.orderflow.audit;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps monthly audit_logs partitions created some months ahead ({@code orderflow.audit.partitions}).
 * <p>
 * Creating a partition needs an ACCESS EXCLUSIVE lock on audit_logs, and while it waits for one
 * every audit insert queues behind it: a backup holding the table would stall checkout. So each
 * month is created in its own short transaction under a {@code lock_timeout}; a CREATE not granted
 * its lock in time gives the run up (later months wait for the same lock), and the next run tries
 * again, months before the partition is needed.
 * <p>
 * Instances started together run this at the same moment; a transaction-scoped advisory lock lets
 * one create a month's partition while the others wait and then find it there (two CREATE TABLEs
 * of one name would fail one).
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('orderflow:audit-partitions'))";
    // SET LOCAL lock_timeout, with the value as a parameter.
    static final String LOCK_TIMEOUT = "SELECT set_config('lock_timeout', $1, true)";
    static final String CREATE = "SELECT create_audit_partition($1)";

    private final Pool db;
    private final ScheduledWork work;
    private final AuditConfig.Partitions config;

    AuditPartitions(Pool db, ScheduledWork work, AuditConfig config) {
        this.db = db;
        this.work = work;
        this.config = config.partitions();
    }

    @Scheduled(identity = "audit-partitions", every = "${orderflow.audit.partitions.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensureAhead() {
        return work.run("audit-partitions", () -> Multi.createFrom().range(0, config.monthsAhead() + 1)
                .onItem().transformToUniAndConcatenate(this::ensureMonth)
                .collect().asList()
                .replaceWithVoid()
                .onFailure(AuditPartitions::lockNotGranted).recoverWithItem(failure -> {
                    LOG.warnf("An audit_logs partition was not created: its lock was not granted within %s; the next run tries again",
                            config.lockTimeout());
                    return null;
                }));
    }

    private Uni<Void> ensureMonth(int monthsFromNow) {
        return db.withTransaction(tx -> tx.query(LOCK).execute()
                        .chain(() -> tx.preparedQuery(LOCK_TIMEOUT).execute(Tuple.of(config.lockTimeout().toMillis() + "ms")))
                        .chain(() -> tx.preparedQuery(CREATE).execute(Tuple.of(monthsFromNow))))
                .invoke(rows -> {
                    String created = rows.iterator().next().getString(0);
                    if (created != null) {
                        LOG.infof("Created audit_logs partition %s", created);
                    }
                })
                .replaceWithVoid();
    }

    private static boolean lockNotGranted(Throwable failure) {
        return failure instanceof PgException pg && LOCK_NOT_AVAILABLE.equals(pg.getSqlState());
    }
}
