package io.orderflow.ordering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockReservations;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Gives up PENDING orders whose reservation expired: the stock goes back and the order is
 * cancelled (reservation_expired). An order whose payment attempt is still in flight or has an
 * unknown outcome is left alone until that attempt is decided (by its run, the stranded-checkout
 * job or the reconciler): the job never fails an attempt whose outcome it does not know. Each
 * order is one transaction that first locks the order's row (skipping one another instance holds)
 * and cancels it only if still pending, so several instances running this job at once, or a
 * payment confirming at the same moment, can't both win. The released stock opens its sold-out
 * gates after the commit.
 * <p>
 * The batch holds no lease: instances whose runs overlap read the same orders and share them out,
 * each order done by the one that locks it first (the other skips it at once). An order that failed
 * sits out this instance's next runs, so orders that keep failing can't fill every batch.
 */
@ApplicationScoped
public class ReservationExpiryJob {

    static final String REASON = "reservation_expired";

    // $2: orders that failed or hung in this instance's last runs, sitting out (ScheduledWork).
    static final String EXPIRED_ORDERS = """
            SELECT r.order_id FROM reservations r
            WHERE r.status = 'active' AND r.expires_at < now() AND r.order_id IS NOT NULL AND r.order_id <> ALL($2::uuid[])
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = r.order_id AND p.status IN ('pending', 'unknown'))
            GROUP BY r.order_id ORDER BY min(r.expires_at) LIMIT $1""";

    static final String LOCK_IF_FREE = """
            SELECT 1 FROM orders WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED""";

    private final Pool db;
    private final StockReservations stock;
    private final Orders orders;
    private final SoldOutGate gate;
    private final ScheduledWork work;
    private final Counter expired;
    private final int batchSize;

    ReservationExpiryJob(Pool db, StockReservations stock, SoldOutGate gate, Orders orders, MeterRegistry metrics,
                         ScheduledWork work, CheckoutConfig config) {
        this.db = db;
        this.stock = stock;
        this.gate = gate;
        this.work = work;
        this.orders = orders;
        this.expired = metrics.counter("orderflow.reservations.expired");
        this.batchSize = config.expiry().batchSize();
    }

    @Scheduled(identity = "reservation-expiry", every = "${orderflow.checkout.expiry.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> expireReservations() {
        return work.eachItemLeavingOutFailed("reservation-expiry", this::expiredOrders, this::expire);
    }

    /** Orders holding reservations past their expiry and no undecided payment, the longest-expired first, but for {@code sittingOut}. */
    private Uni<List<UUID>> expiredOrders(Set<UUID> sittingOut) {
        return db.preparedQuery(EXPIRED_ORDERS).execute(Tuple.of(batchSize, sittingOut.toArray(UUID[]::new))).map(rows -> {
            List<UUID> orders = new ArrayList<>();
            rows.forEach(row -> orders.add(row.getUUID(0)));
            return orders;
        });
    }

    private Uni<Void> expire(UUID orderId) {
        return db.withTransaction(tx -> tx.preparedQuery(LOCK_IF_FREE).execute(Tuple.of(orderId))
                        .chain(locked -> locked.rowCount() == 0 ? Uni.createFrom().item(false)
                                : orders.cancel(tx, orderId, OrderStatus.PENDING, REASON, Actor.SYSTEM))
                        .chain(cancelled -> cancelled
                                ? stock.release(tx, orderId).map(Optional::of)
                                : Uni.createFrom().item(Optional.<List<UUID>>empty())))
                .invoke(released -> released.ifPresent(products -> expired.increment()))
                .chain(released -> gate.open(released.orElse(List.of())));
    }
}
