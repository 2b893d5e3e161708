package io.orderflow.audit;

import io.orderflow.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AuditPartitionsTest {

    private static final String FURTHEST = "'audit_logs_' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', 'YYYY_MM')";

    @Inject
    AuditPartitions partitions;

    /** Instances started together run the job at the same moment, at every month's turn. */
    @Test
    void instancesCreatingTheSamePartitionAtOnceAllSucceed() throws Exception {
        int instances = 8;
        for (int round = 0; round < 3; round++) {
            Sql.update("DO $$ BEGIN EXECUTE format('DROP TABLE %I', " + FURTHEST + "); END $$");

            List<Throwable> failures = concurrently(instances);

            assertEquals(List.of(), failures);
            assertEquals(1, Sql.count("SELECT count(*) FROM pg_class WHERE relname = " + FURTHEST));
        }
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
}
