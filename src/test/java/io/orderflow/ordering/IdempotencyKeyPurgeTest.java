package io.orderflow.ordering;

import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The job deleting idempotency keys past their retention (batches of 1000, the default). */
@QuarkusTest
class IdempotencyKeyPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IdempotencyKeys keys;

    private final UUID customer = TestAccounts.customer().id();

    @Test
    void anAnsweredKeyPastItsRetentionIsDeleted() {
        String key = expiredKey();

        keys.purgeExpired().await().atMost(WAIT);

        assertEquals(0, keys(key));
    }

    @Test
    void aKeyWithinItsRetentionIsKept() {
        String key = "purge-test-" + UUID.randomUUID();
        Sql.update("INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, response_status, completed_at, expires_at)"
                + " VALUES (?, 'purge-test', ?, repeat('0', 64), 201, now(), now() + interval '1 hour')", customer, key);

        keys.purgeExpired().await().atMost(WAIT);

        assertEquals(1, keys(key));
    }

    /**
     * Another instance's purge (here a transaction holding the row, as that purge's DELETE would) has
     * the row: this run takes the other rows instead of waiting for it.
     */
    @Test
    void aKeyAnotherPurgeHoldsIsLeftToItAndTheOthersAreDeleted() throws Exception {
        String held = expiredKey();
        String free = expiredKey();
        try (Connection otherInstance = OwnerDatabase.owner()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT 1 FROM idempotency_keys WHERE idempotency_key = ? FOR UPDATE")) {
                lock.setString(1, held);
                lock.executeQuery().close();
            }

            keys.purgeExpired().await().atMost(WAIT);

            assertEquals(0, keys(free));
            assertEquals(1, keys(held));
            otherInstance.rollback();
        }

        keys.purgeExpired().await().atMost(WAIT);

        assertEquals(0, keys(held));
    }

    @Test
    void aBacklogLargerThanABatchIsDeletedInOneRun() {
        String prefix = "purge-backlog-" + UUID.randomUUID() + "-";
        Sql.update("INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, response_status, completed_at, expires_at)"
                + " SELECT ?, 'purge-test', ? || n, repeat('0', 64), 201, now() - interval '2 days', now() - interval '1 day'"
                + " FROM generate_series(1, 2500) AS n", customer, prefix);

        keys.purgeExpired().await().atMost(WAIT);

        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE ?", prefix + "%"));
    }

    /** A key answered two days ago, a day past its retention. */
    private String expiredKey() {
        String key = "purge-test-" + UUID.randomUUID();
        Sql.update("INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, response_status, completed_at, expires_at)"
                + " VALUES (?, 'purge-test', ?, repeat('0', 64), 201, now() - interval '2 days', now() - interval '1 day')", customer, key);
        return key;
    }

    private static long keys(String key) {
        return Sql.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", key);
    }
}
