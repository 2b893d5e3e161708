package io.orderflow.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes how much stock pending orders hold right now. A gauge is read synchronously at
 * scrape time, so the numbers are refreshed by a cheap scheduled query (a partial index
 * covers the active reservations) and the gauges read the last values.
 * <p>
 * The numbers are the database's, not this instance's: every instance publishes the same ones
 * (give or take one refresh). Across instances take their max (PromQL {@code max without (instance)}),
 * never their sum, which would count each reservation once per instance. The counter
 * {@code orderflow.reservations.expired} is the other kind: each expiry is counted by the one
 * instance that did it, so that one is summed.
 */
@ApplicationScoped
public class ReservationGauges {

    static final String ACTIVE = """
            SELECT count(*), coalesce(sum(quantity), 0) FROM reservations WHERE status = 'active'""";

    private final Pool db;
    private final ScheduledWork work;
    private final AtomicLong activeReservations = new AtomicLong();
    private final AtomicLong reservedUnits = new AtomicLong();

    ReservationGauges(Pool db, ScheduledWork work, MeterRegistry metrics) {
        this.db = db;
        this.work = work;
        metrics.gauge("orderflow.reservations.active", activeReservations);
        metrics.gauge("orderflow.reservations.active.units", reservedUnits);
    }

    @Scheduled(every = "${orderflow.metrics.reservations-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return work.run("reservation-gauges", () -> db.query(ACTIVE).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            activeReservations.set(row.getLong(0));
            reservedUnits.set(row.getLong(1));
        }));
    }
}
