package io.orderflow.payment;

import io.orderflow.ordering.OrderSettlement;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Settles payments left PENDING longer than any charge takes (a crash between charge and
 * confirm) by asking the gateway what became of them. Settling is conditional, so instances
 * running this at once, or a late webhook, settle each payment once.
 */
@ApplicationScoped
public class PaymentReconciler {

    private static final Logger LOG = Logger.getLogger(PaymentReconciler.class);

    private final Pool db;
    private final Payments payments;
    private final PaymentGateway gateway;
    private final OrderSettlement settlement;
    private final ScheduledWork work;
    private final Duration staleAfter;
    private final int batchSize;

    PaymentReconciler(Pool db, Payments payments, PaymentGateway gateway, OrderSettlement settlement, ScheduledWork work,
                      @ConfigProperty(name = "orderflow.payment.reconcile.stale-after") Duration staleAfter,
                      @ConfigProperty(name = "orderflow.payment.reconcile.batch-size") int batchSize) {
        this.db = db;
        this.payments = payments;
        this.gateway = gateway;
        this.settlement = settlement;
        this.work = work;
        this.staleAfter = staleAfter;
        this.batchSize = batchSize;
    }

    @Scheduled(identity = "payment-reconciler", every = "${orderflow.payment.reconcile.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> reconcile() {
        return work.eachItem("payment-reconciler", () -> payments.stalePending(db, staleAfter, batchSize), this::reconcile);
    }

    private Uni<Void> reconcile(UUID paymentId) {
        return payments.byId(db, paymentId).map(found -> found.orElseThrow())
                .chain(payment -> gateway.findCharge(payment.gatewayIdempotencyKey()).chain(charge -> charge.isEmpty()
                        ? settlement.failed(paymentId, "not_received", Actor.SYSTEM)
                        : settlement.settle(paymentId, charge.get(), Actor.SYSTEM)))
                .onFailure(GatewayUnavailableException.class).recoverWithUni(failure -> {
                    LOG.warnf("Gateway unavailable while reconciling payment %s; next run retries", paymentId);
                    return Uni.createFrom().voidItem();
                });
    }
}
