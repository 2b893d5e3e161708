package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Invariants;
import io.orderflow.support.Poll;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Checkouts.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reservation expiry job with batches of two, run by hand (the scheduled runs paused), when the
 * orders first in line keep failing: a batch's worth of them must not hold up the orders behind them.
 */
@QuarkusTest
@TestProfile(ExpiryJobFailingOrdersTest.BatchesOfTwo.class)
class ExpiryJobFailingOrdersTest {

    public static class BatchesOfTwo extends ConfigOverrides {
        public BatchesOfTwo() {
            super(Map.of("orderflow.checkout.expiry.batch-size", "2",
                    "orderflow.jobs.failed-item-pause", "10S"));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Orders placed with an Idempotency-Key starting so can't be updated while the trigger below exists. */
    private static final String REFUSED = "sit-out-test-refused-";

    @Inject
    ReservationExpiryJob job;

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void refuseUpdatesOfRefusedOrders() {
        scheduler.pause("reservation-expiry");
        Sql.update("""
                CREATE FUNCTION sit_out_test_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'order % refuses every update (test)', OLD.id;
                END $$""");
        Sql.update("CREATE TRIGGER sit_out_test_refuse_update BEFORE UPDATE ON orders FOR EACH ROW"
                + " WHEN (OLD.idempotency_key LIKE '" + REFUSED + "%') EXECUTE FUNCTION sit_out_test_refuse_update()");
    }

    @AfterEach
    void allowUpdates() {
        Sql.update("DROP TRIGGER IF EXISTS sit_out_test_refuse_update ON orders");
        Sql.update("DROP FUNCTION IF EXISTS sit_out_test_refuse_update()");
        scheduler.resume("reservation-expiry");
    }

    @Test
    void ordersThatKeepFailingSitOutSoTheOrderBehindThemExpires() {
        Account owner = TestAccounts.customer();
        String firstFailing = pendingOrder(owner, REFUSED + UUID.randomUUID());
        String secondFailing = pendingOrder(owner, REFUSED + UUID.randomUUID());
        String behind = pendingOrder(owner, "sit-out-test-" + UUID.randomUUID());
        expiredLongAgo(firstFailing, "1 minute");
        expiredLongAgo(secondFailing, "1 minute");
        expiredLongAgo(behind, "2 minutes");

        job.expireReservations().await().atMost(WAIT);
        job.expireReservations().await().atMost(WAIT);

        assertEquals("cancelled", status(behind));
        assertEquals("pending", status(firstFailing));
        assertEquals("pending", status(secondFailing));
        Invariants.assertHold();
    }

    @Test
    void aFailedOrderIsTakenAgainOnceItsPauseIsOver() {
        Account owner = TestAccounts.customer();
        String failing = pendingOrder(owner, REFUSED + UUID.randomUUID());
        expiredLongAgo(failing, "30 seconds");
        job.expireReservations().await().atMost(WAIT);
        allowUpdates();
        scheduler.pause("reservation-expiry");

        job.expireReservations().await().atMost(WAIT);
        assertEquals("pending", status(failing), "still sitting out");

        Poll.until(WAIT, "the order expires once its pause is over", () -> {
            job.expireReservations().await().atMost(WAIT);
            return "cancelled".equals(status(failing));
        });
        Invariants.assertHold();
    }

    /**
     * Moves the order's reservation ten years back, to run out {@code after} it was made: longer ago
     * than any other test's orders, so these are first in line.
     */
    private static void expiredLongAgo(String order, String after) {
        Sql.update("UPDATE reservations SET created_at = now() - interval '10 years', expires_at = now() - interval '10 years' + ?::interval"
                + " WHERE order_id = ?::uuid", after, order);
    }

    /** A PENDING order of one unit of a new product, holding its reservation (the card was declined). */
    private static String pendingOrder(Account owner, String key) {
        UUID product = TestProducts.stocked(5, 100);
        return Checkouts.place(owner, key, Checkouts.body(owner, product, 1, owner.declinedCardId())).path("orderId");
    }
}
