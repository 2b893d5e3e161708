package io.orderflow.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Keeps monthly audit_logs partitions created three months ahead. */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    static final String ENSURE = "SELECT ensure_audit_partitions(3)";

    private final Pool db;

    AuditPartitions(Pool db) {
        this.db = db;
    }

    @Scheduled(every = "12h", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensureAhead() {
        return db.query(ENSURE).execute()
                .invoke(rows -> {
                    int created = rows.iterator().next().getInteger(0);
                    if (created > 0) {
                        LOG.infof("Created %d audit_logs partition(s)", created);
                    }
                })
                .replaceWithVoid();
    }
}
