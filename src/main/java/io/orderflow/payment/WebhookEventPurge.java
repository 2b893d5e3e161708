package io.orderflow.payment;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes webhook events received longer ago than the retention
 * ({@code orderflow.payment.webhook-purge}), in bounded batches.
 * <p>
 * An event's row is also its dedup record ({@link WebhookService}): once it is gone, the same
 * event id would be handled again. A captured request replayed that late is refused before that,
 * by the signature's timestamp tolerance ({@code webhook-tolerance}, 5 min; {@link WebhookSigning}),
 * which the retention (30 days, at least one) far exceeds. A genuine redelivery re-signed by the
 * gateway after the retention would be handled again, and changes nothing: every action is
 * confirmed with the gateway and applied as a guarded state change.
 */
@ApplicationScoped
public class WebhookEventPurge {

    // FOR UPDATE SKIP LOCKED: instances purging at once take different rows.
    static final String PURGE = """
            DELETE FROM webhook_events WHERE id IN (
                SELECT id FROM webhook_events WHERE received_at < now() - make_interval(secs => $1)
                LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private final Pool db;
    private final ScheduledWork work;
    private final PaymentConfig.WebhookPurge config;

    WebhookEventPurge(Pool db, ScheduledWork work, PaymentConfig config) {
        this.db = db;
        this.work = work;
        this.config = config.webhookPurge();
    }

    @Scheduled(identity = "webhook-event-purge", every = "${orderflow.payment.webhook-purge.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return work.inBatches("webhook-event-purge", config.batchSize(), () -> db.preparedQuery(PURGE)
                .execute(Tuple.of((double) config.retention().toSeconds(), config.batchSize()))
                .map(rows -> rows.rowCount()));
    }
}
