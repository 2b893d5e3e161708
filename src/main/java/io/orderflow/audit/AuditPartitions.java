package io.orderflow.audit;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
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
 * Instances started together run this at the same moment. Each month's transaction first tries a
 * transaction-scoped advisory lock: the instance that gets it creates the month, and one that finds
 * it taken leaves the whole run to that instance instead of waiting (two CREATE TABLEs of one name
 * would fail one). Waiting would queue the instances one behind another, each then waiting up to the
 * lock timeout for audit_logs, so a held table would stall audit inserts once per instance.
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('orderflow:audit-partitions'))";
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
        return work.run("audit-partitions", () -> ensureFrom(0)
                .onFailure(AuditPartitions::lockNotGranted).recoverWithItem(failure -> {
                    LOG.warnf("An audit_logs partition was not created: its lock was not granted within %s; the next run tries again",
                            config.lockTimeout());
                    return null;
                }));
    }

    /** This month and the later ones, in turn; stops when another instance holds the job. */
    private Uni<Void> ensureFrom(int monthsFromNow) {
        if (monthsFromNow > config.monthsAhead()) {
            return Uni.createFrom().voidItem();
        }
        return ensureMonth(monthsFromNow).chain(locked -> {
            if (!locked) {
                LOG.debug("Audit partitions: another instance is creating them; this run leaves them to it");
                return Uni.createFrom().voidItem();
            }
            return ensureFrom(monthsFromNow + 1);
        });
    }

    /** Creates the month's partition unless it exists; false, doing nothing, when another instance holds the job's lock. */
    private Uni<Boolean> ensureMonth(int monthsFromNow) {
        return db.withTransaction(tx -> tx.query(TRY_LOCK).execute().chain(lock -> {
            if (!lock.iterator().next().getBoolean(0)) {
                return Uni.createFrom().item(false);
            }
            return tx.preparedQuery(LOCK_TIMEOUT).execute(Tuple.of(config.lockTimeout().toMillis() + "ms"))
                    .chain(() -> tx.preparedQuery(CREATE).execute(Tuple.of(monthsFromNow)))
                    .invoke(rows -> {
                        String created = rows.iterator().next().getString(0);
                        if (created != null) {
                            LOG.infof("Created audit_logs partition %s", created);
                        }
                    })
                    .replaceWith(true);
        }));
    }

    private static boolean lockNotGranted(Throwable failure) {
        return failure instanceof PgException pg && LOCK_NOT_AVAILABLE.equals(pg.getSqlState());
    }
}
