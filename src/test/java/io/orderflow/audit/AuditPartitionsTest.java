package io.orderflow.audit;

import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Poll;
import io.orderflow.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job keeping audit_logs partitions ahead, here 5 months ahead (V7 created 3) and waiting 1 s for its lock. */
@QuarkusTest
@TestProfile(AuditPartitionsTest.FiveMonthsAhead.class)
class AuditPartitionsTest {

    static final int MONTHS_AHEAD = 5;
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

    public static class FiveMonthsAhead extends ConfigOverrides {
        public FiveMonthsAhead() {
            super(Map.of("orderflow.audit.partitions.months-ahead", Integer.toString(MONTHS_AHEAD),
                    "orderflow.audit.partitions.lock-timeout", LOCK_TIMEOUT.toString()));
        }
    }

    private static final String FURTHEST = month(MONTHS_AHEAD);

    @Inject
    AuditPartitions partitions;

    @Test
    void everyMonthUpToTheConfiguredOnesAheadExistsAfterARun() {
        for (int month = 3; month <= MONTHS_AHEAD; month++) {
            drop(month(month));
        }

        partitions.ensureAhead().await().atMost(Duration.ofSeconds(30));

        for (int month = 0; month <= MONTHS_AHEAD; month++) {
            assertEquals(1, partitions(month(month)), "month +" + month);
        }
    }

    /**
     * A backup holds audit_logs (ACCESS SHARE, as pg_dump takes it): the CREATE waits for its lock
     * at most the lock timeout and the run gives up, so an audit insert queued behind the CREATE
     * goes on within that time instead of waiting for the backup to end.
     */
    @Test
    void aHeldLockMakesTheRunGiveUpWithoutStallingAuditInserts() throws Exception {
        drop(FURTHEST);
        try (Connection backup = OwnerDatabase.owner()) {
            backup.setAutoCommit(false);
            OwnerDatabase.execute(backup, "LOCK TABLE audit_logs IN ACCESS SHARE MODE");
            CompletableFuture<Void> run = partitions.ensureAhead().subscribeAsCompletionStage();
            Poll.until(Duration.ofSeconds(5), "the CREATE waits for its lock", () -> Sql.count(
                    "SELECT count(*) FROM pg_locks WHERE relation = 'audit_logs'::regclass AND NOT granted") > 0);

            long started = System.nanoTime();
            try (Connection application = OwnerDatabase.application()) {
                OwnerDatabase.execute(application, "SET statement_timeout = '10s'");
                OwnerDatabase.execute(application, "INSERT INTO audit_logs (entity_type, entity_id, action) VALUES ('order', ?, 'create')",
                        UUID.randomUUID());
            }
            Duration insert = Duration.ofNanos(System.nanoTime() - started);
            run.get(5, TimeUnit.SECONDS);

            assertTrue(insert.compareTo(LOCK_TIMEOUT.plusSeconds(2)) < 0, "the insert took " + insert);
            assertEquals(0, partitions(FURTHEST));
            backup.rollback();
        }
    }

    @Test
    void aRunThatGaveUpIsMadeGoodByTheNextRun() throws Exception {
        drop(FURTHEST);
        try (Connection backup = OwnerDatabase.owner()) {
            backup.setAutoCommit(false);
            OwnerDatabase.execute(backup, "LOCK TABLE audit_logs IN ACCESS SHARE MODE");
            partitions.ensureAhead().await().atMost(Duration.ofSeconds(5));
            backup.rollback();
        }

        partitions.ensureAhead().await().atMost(Duration.ofSeconds(30));

        assertEquals(1, partitions(FURTHEST));
    }

    /** Instances started together run the job at the same moment, at every month's turn. */
    @Test
    void instancesCreatingTheSamePartitionAtOnceAllSucceed() throws Exception {
        int instances = 8;
        for (int round = 0; round < 3; round++) {
            drop(FURTHEST);

            List<Throwable> failures = concurrently(instances);

            assertEquals(List.of(), failures);
            assertEquals(1, partitions(FURTHEST));
        }
    }

    /**
     * Another instance holds the job (here a session holding its advisory lock, as that instance's
     * transaction would): this run leaves the months to it at once, without queueing behind it.
     */
    @Test
    void aRunWhileAnotherInstanceHoldsTheJobLeavesItToThatInstanceWithoutWaiting() throws Exception {
        drop(FURTHEST);
        try (Connection otherInstance = OwnerDatabase.owner(); Statement lock = otherInstance.createStatement()) {
            lock.executeQuery("SELECT pg_advisory_lock(hashtext('orderflow:audit-partitions'))").close();

            // Ends while the other instance still holds the lock: it did not wait for it.
            partitions.ensureAhead().await().atMost(Duration.ofSeconds(10));

            assertEquals(0, partitions(FURTHEST));
            lock.executeQuery("SELECT pg_advisory_unlock(hashtext('orderflow:audit-partitions'))").close();
        }

        partitions.ensureAhead().await().atMost(Duration.ofSeconds(30));

        assertEquals(1, partitions(FURTHEST));
    }

    private List<Throwable> concurrently(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return partitions.ensureAhead().await().atMost(Duration.ofSeconds(30));
                }));
            }
            start.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> run : runs) {
                try {
                    run.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The SQL naming the partition of the month {@code ahead} months after the current one. */
    private static String month(int ahead) {
        return "'audit_logs_' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '" + ahead + " months', 'YYYY_MM')";
    }

    private static void drop(String partition) {
        Sql.update("DO $$ BEGIN EXECUTE format('DROP TABLE IF EXISTS %I', " + partition + "); END $$");
    }

    private static long partitions(String partition) {
        return Sql.count("SELECT count(*) FROM pg_class WHERE relname = " + partition);
    }
}
