package io.orderflow.platform;

import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Poll;
import io.orderflow.support.ShortJobTimeouts;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs of scheduled work: one that hangs in PostgreSQL, scheduled like the jobs are (SKIP while a run is in progress), and items that keep failing. */
@QuarkusTest
@TestProfile(ShortJobTimeouts.class)
class ScheduledWorkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ScheduledWork work;

    @Inject
    Scheduler scheduler;

    @Inject
    Pool db;

    @Test
    void aHungRunIsGivenUpSoTheNextRunStarts() throws Exception {
        long key = ThreadLocalRandom.current().nextLong();
        String job = "hung-run-" + UUID.randomUUID();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        try (Connection holder = OwnerDatabase.owner()) {
            advisory(holder, "SELECT pg_advisory_lock(?)", key);
            scheduler.newJob(job).setInterval("1s").setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setAsyncTask(execution -> work.run(job, () -> {
                        started.incrementAndGet();
                        return db.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(key));
                    }).invoke(finished::incrementAndGet))
                    .schedule();

            // The first run waits on the lock; only its timeout lets a second one start.
            Poll.until(WAIT, "a second run starts while the first still waits", () -> started.get() >= 2);
            assertEquals(0, finished.get());

            advisory(holder, "SELECT pg_advisory_unlock(?)", key);
            Poll.until(WAIT, "a run finishes once the lock is gone", () -> finished.get() >= 1);
        } finally {
            scheduler.unscheduleJob(job);
        }
    }

    /** The same failing and hung items first in every batch (no lease moves them): they sit out, and the item behind them is done. */
    @Test
    void itemsThatFailedOrHungSitOutTheNextRunsSoTheItemBehindThemIsDone() {
        String job = "sitting-out-" + UUID.randomUUID();
        List<String> oldestFirst = List.of("failing", "hung", "behind");
        List<String> done = new CopyOnWriteArrayList<>();
        Function<Set<String>, Uni<List<String>>> firstTwo = leftOut -> Uni.createFrom().item(
                oldestFirst.stream().filter(item -> !leftOut.contains(item)).limit(2).toList());
        Function<String, Uni<?>> doIt = item -> switch (item) {
            case "failing" -> Uni.createFrom().failure(new IllegalStateException("this item always fails"));
            case "hung" -> Uni.createFrom().nothing();
            default -> Uni.createFrom().item(done.add(item));
        };

        work.eachItemLeavingOutFailed(job, firstTwo, doIt).await().atMost(WAIT);
        assertEquals(List.of(), done);
        work.eachItemLeavingOutFailed(job, firstTwo, doIt).await().atMost(WAIT);

        assertEquals(List.of("behind"), done);
    }

    private static void advisory(Connection db, String sql, long key) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.executeQuery().close();
        }
    }
}
