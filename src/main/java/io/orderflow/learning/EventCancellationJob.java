package io.orderflow.learning;

import io.orderflow.ordering.OrderService;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Refunds the bookings of cancelled events, order by order: each order is withdrawn from in its own transaction
 * ({@link OrderService#withdraw}: the whole order cancelled and refunded when the event was all it bought, else the
 * event lines refunded), and its bookings are cancelled there. The batch is read afresh each run from the bookings
 * still in force, so a run that stops halfway (a crash, a deploy) leaves exactly the orders not yet done, and an order
 * withdrawn twice (two instances, a rerun) is refunded once: the second finds its bookings gone. Instances whose runs
 * overlap read the same orders and take turns on each order's lock, so they share the batch out. An order that failed
 * sits out this instance's next runs, so orders that keep failing can't fill every batch.
 */
@ApplicationScoped
public class EventCancellationJob {

    static final String REASON = "event_cancelled";

    // $2: orders that failed or hung in this instance's last runs, sitting out (ScheduledWork).
    static final String ORDERS_TO_WITHDRAW = """
            SELECT b.order_id, array_agg(DISTINCT b.event_id) AS events
            FROM event_bookings b JOIN event_details e ON e.product_id = b.event_id
            WHERE e.status = 'cancelled' AND b.status = 'booked' AND b.order_id <> ALL($2::uuid[])
            GROUP BY b.order_id
            ORDER BY min(b.booked_at)
            LIMIT $1""";

    /** An order holding bookings of cancelled events, and those events. */
    record Withdrawal(UUID orderId, List<UUID> events) {
    }

    private final Pool db;
    private final OrderService orders;
    private final ScheduledWork work;
    private final int batchSize;

    EventCancellationJob(Pool db, OrderService orders, ScheduledWork work, LearningConfig config) {
        this.db = db;
        this.orders = orders;
        this.work = work;
        this.batchSize = config.eventCancellation().batchSize();
    }

    @Scheduled(identity = "event-cancellation", every = "${orderflow.learning.event-cancellation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refundCancelledEvents() {
        return work.eachItemLeavingOutFailed("event-cancellation", this::withdrawals, this::withdraw);
    }

    Uni<Void> withdraw(Withdrawal withdrawal) {
        return orders.withdraw(withdrawal.orderId(), withdrawal.events(), REASON, Actor.SYSTEM);
    }

    /** The orders to withdraw from, the longest-booked first, but for those in {@code sittingOut}. */
    Uni<List<Withdrawal>> withdrawals(Set<Withdrawal> sittingOut) {
        UUID[] leftOut = sittingOut.stream().map(Withdrawal::orderId).toArray(UUID[]::new);
        return db.preparedQuery(ORDERS_TO_WITHDRAW).execute(Tuple.of(batchSize, leftOut)).map(rows -> {
            List<Withdrawal> withdrawals = new ArrayList<>();
            rows.forEach(row -> withdrawals.add(new Withdrawal(row.getUUID("order_id"), Arrays.asList(row.getArrayOfUUIDs("events")))));
            return withdrawals;
        });
    }
}
