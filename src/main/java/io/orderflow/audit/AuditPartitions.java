package io.orderflow.audit;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps monthly audit_logs partitions created three months ahead. Instances started together run
 * this at the same moment; a transaction-scoped advisory lock lets one create a month's partition
 * while the others wait and then find it there (two CREATE TABLEs of one name would fail one).
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('orderflow:audit-partitions'))";
    static final String ENSURE = "SELECT ensure_audit_partitions(3)";

    private final Pool db;
    private final ScheduledWork work;

    AuditPartitions(Pool db, ScheduledWork work) {
        this.db = db;
        this.work = work;
    }

    @Scheduled(every = "12h", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensureAhead() {
        return work.run("audit-partitions", () -> db.withTransaction(tx -> tx.query(LOCK).execute()
                        .chain(() -> tx.query(ENSURE).execute()))
                .invoke(rows -> {
                    int created = rows.iterator().next().getInteger(0);
                    if (created > 0) {
                        LOG.infof("Created %d audit_logs partition(s)", created);
                    }
                }));
    }
}
