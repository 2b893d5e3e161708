package io.orderflow.ordering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.Payments;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Gives up PENDING orders whose reservation expired: the stock goes back, the order is cancelled
 * (reservation_expired) and an attempt still in flight fails. Each order is one transaction whose
 * first statement is the conditional cancel, so several instances running this job at once, or a
 * payment confirming at the same moment, can't both win. The released stock opens its sold-out
 * gates after the commit.
 */
@ApplicationScoped
public class ReservationExpiryJob {

    static final String REASON = "reservation_expired";

    private final Pool db;
    private final StockReservations stock;
    private final Orders orders;
    private final Payments payments;
    private final SoldOutGate gate;
    private final ScheduledWork work;
    private final Counter expired;
    private final int batchSize;

    ReservationExpiryJob(Pool db, StockReservations stock, SoldOutGate gate, Orders orders, Payments payments, MeterRegistry metrics,
                         ScheduledWork work, @ConfigProperty(name = "orderflow.checkout.expiry.batch-size") int batchSize) {
        this.db = db;
        this.stock = stock;
        this.gate = gate;
        this.work = work;
        this.orders = orders;
        this.payments = payments;
        this.expired = metrics.counter("orderflow.reservations.expired");
        this.batchSize = batchSize;
    }

    @Scheduled(identity = "reservation-expiry", every = "${orderflow.checkout.expiry.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> expireReservations() {
        return work.eachItem("reservation-expiry", () -> stock.ordersWithExpiredReservations(batchSize), this::expire);
    }

    private Uni<Void> expire(UUID orderId) {
        return db.withTransaction(tx -> orders.cancel(tx, orderId, "pending", REASON, Actor.SYSTEM).chain(cancelled -> cancelled
                        ? stock.release(tx, orderId).call(() -> payments.failPendingOf(tx, orderId, REASON, Actor.SYSTEM)).map(Optional::of)
                        : Uni.createFrom().item(Optional.<List<UUID>>empty())))
                .invoke(released -> released.ifPresent(products -> expired.increment()))
                .chain(released -> gate.open(released.orElse(List.of())));
    }
}
