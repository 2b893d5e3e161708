package io.orderflow.platform;

import io.orderflow.ordering.ReservationExpiryJob;
import io.orderflow.support.Checkouts;
import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Poll;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.orderflow.support.Checkouts.expireReservation;
import static io.orderflow.support.Checkouts.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start of a stop, as Quarkus fires it on SIGTERM, while the expiry job is in the middle of
 * an order. Its own application: after the event this instance refuses requests and runs no job.
 */
@QuarkusTest
@TestProfile(ScheduledWorkStopTest.QuietScheduler.class)
class ScheduledWorkStopTest {

    /** No scheduled expiry run of its own during the test; the item may take 5 s, the stop waits 10 s. */
    public static class QuietScheduler extends ConfigOverrides {
        public QuietScheduler() {
            super(Map.of("orderflow.checkout.expiry.every", "1h",
                    "orderflow.jobs.item-timeout", "5S",
                    "orderflow.jobs.stop-wait", "10S"));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReservationExpiryJob job;

    @Inject
    ScheduledWork work;

    @Inject
    Scheduler scheduler;

    @Inject
    Event<ShutdownDelayInitiatedEvent> stop;

    @Test
    void aStopWaitsForTheRunInProgressAndStartsNoOther() throws Exception {
        Account owner = TestAccounts.customer();
        String inProgress = pendingOrder(owner);
        String expiringLater = pendingOrder(owner);
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try (Connection holder = OwnerDatabase.owner()) {
            holder.setAutoCommit(false);
            lockStock(holder, inProgress);
            expireReservation(inProgress);
            CompletableFuture<Void> run = job.expireReservations().subscribeAsCompletionStage();
            Poll.until(WAIT, "the run waits on the locked stock", () -> waitingOn(holder) > 0);
            releaser.schedule(() -> rollback(holder), 2, TimeUnit.SECONDS);

            long started = System.nanoTime();
            stop.fire(new ShutdownDelayInitiatedEvent());
            Duration stopping = Duration.ofNanos(System.nanoTime() - started);

            assertEquals("cancelled", status(inProgress), "the stop returned after " + stopping + " with the run still in progress");
            assertTrue(stopping.compareTo(Duration.ofSeconds(1)) > 0, "the stop waited only " + stopping);
            assertFalse(scheduler.isRunning(), "the scheduler is paused");
            run.get(5, TimeUnit.SECONDS);
        } finally {
            releaser.shutdownNow();
        }

        AtomicBoolean started = new AtomicBoolean();
        work.run("after-the-stop", () -> Uni.createFrom().item(() -> started.getAndSet(true))).await().atMost(WAIT);
        assertFalse(started.get(), "a run started after the stop began");
        expireReservation(expiringLater);
        job.expireReservations().await().atMost(WAIT);
        assertEquals("pending", status(expiringLater), "a run after the stop began touched the database");
    }

    private static String pendingOrder(Account owner) {
        return Checkouts.declined(owner, TestProducts.stocked(5, 100), 1);
    }

    /**
     * Locks the stock row the order's release must update: the job skips an order another
     * instance holds, so the run is made to wait further in, in the middle of its transaction.
     */
    private static void lockStock(Connection holder, String order) throws Exception {
        try (PreparedStatement lock = holder.prepareStatement(
                "SELECT 1 FROM inventory WHERE product_id = (SELECT product_id FROM reservations WHERE order_id = ?::uuid) FOR UPDATE")) {
            lock.setObject(1, order);
            lock.executeQuery().close();
        }
    }

    /** Sessions waiting for a lock {@code holder} holds. */
    private static int waitingOn(Connection holder) {
        try (PreparedStatement query = holder.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rollback(Connection holder) {
        try {
            holder.rollback();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
