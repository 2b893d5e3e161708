package io.orderflow.payment;

import io.orderflow.platform.Actor;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Settles attempts left PENDING (a run that stopped between charge and settle and that nobody
 * resumed) or UNKNOWN (a charge that went unanswered) for longer than any charge takes, by asking
 * the gateway what became of them: a charge it made is settled (a late one refunded), one it never
 * saw has failed. Each attempt is leased to one instance per run (SKIP LOCKED), settling is
 * guarded, and a failing attempt is logged and left for the next run without stopping the batch
 * ({@link ScheduledWork}).
 */
@ApplicationScoped
public class PaymentReconciler {

    private final Pool db;
    private final Payments payments;
    private final GatewayClient gateway;
    private final PaymentOutcomes settlement;
    private final ScheduledWork work;
    private final Duration staleAfter;
    private final int batchSize;

    PaymentReconciler(Pool db, Payments payments, GatewayClient gateway, PaymentOutcomes settlement, ScheduledWork work,
                      PaymentConfig config) {
        this.db = db;
        this.payments = payments;
        this.gateway = gateway;
        this.settlement = settlement;
        this.work = work;
        this.staleAfter = config.reconcile().staleAfter();
        this.batchSize = config.reconcile().batchSize();
    }

    @Scheduled(identity = "payment-reconciler", every = "${orderflow.payment.reconcile.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> reconcile() {
        return work.eachItem("payment-reconciler", () -> payments.leaseUnsettled(db, staleAfter, batchSize, staleAfter), this::reconcile);
    }

    private Uni<Void> reconcile(UUID paymentId) {
        return payments.byId(db, paymentId).map(found -> found.orElseThrow())
                .chain(payment -> gateway.findCharge(payment.gatewayIdempotencyKey()).chain(charge -> charge.isEmpty()
                        ? settlement.failed(paymentId, PaymentFailure.NOT_RECEIVED, Actor.SYSTEM)
                        : settlement.settle(paymentId, charge.get(), Actor.SYSTEM)));
    }
}
