package io.orderflow.ordering;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Finishes checkout runs that stopped after their order was written (an instance crashed or was
 * killed between the reserve and settle steps) and whose key lock ran out: as the client's retry
 * would, it charges or asks the gateway, settles, and stores the answer with the key, so their
 * stock is sold or released within a lock period and a job interval instead of being held until
 * the reservation expires. Keys are taken over with SKIP LOCKED, so instances running this at
 * once take different runs.
 */
@ApplicationScoped
public class StrandedCheckouts {

    private static final Logger LOG = Logger.getLogger(StrandedCheckouts.class);

    private final IdempotencyKeys keys;
    private final CheckoutPipeline pipeline;
    private final CheckoutConfig config;
    private final ScheduledWork work;

    StrandedCheckouts(IdempotencyKeys keys, CheckoutPipeline pipeline, CheckoutConfig config, ScheduledWork work) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.config = config;
        this.work = work;
    }

    @Scheduled(identity = "stranded-checkouts", every = "${orderflow.checkout.recovery.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> finishStranded() {
        return work.eachItem("stranded-checkouts", () -> keys.takeOverStranded(config.recovery().batchSize()),
                run -> pipeline.finish(run).invoke(() -> LOG.infof("Finished the stranded checkout of order %s", run.orderId())));
    }
}
