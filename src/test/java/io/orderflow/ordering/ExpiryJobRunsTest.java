package io.orderflow.ordering;

import io.orderflow.platform.ScheduledWork;
import io.orderflow.support.CapturedLog;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Poll;
import io.orderflow.support.ShortJobTimeouts;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static io.orderflow.support.Checkouts.expireReservation;
import static io.orderflow.support.Checkouts.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reservation expiry job over a batch in which one order fails or hangs. */
@QuarkusTest
@TestProfile(ShortJobTimeouts.class)
class ExpiryJobRunsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Orders placed with an Idempotency-Key starting so can't be updated while the trigger below exists. */
    private static final String REFUSED = "job-test-refused-";

    @Inject
    ReservationExpiryJob job;

    @Inject
    Scheduler scheduler;

    @Test
    void aFailingOrderIsLoggedOnceAndTheOrdersAfterItStillExpire() {
        Account owner = TestAccounts.customer();
        String before = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        String failing = pendingOrder(owner, REFUSED + UUID.randomUUID());
        String after = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        // This run only: the scheduled runs would log the failing order too.
        scheduler.pause("reservation-expiry");
        try (CapturedLog log = CapturedLog.of(ScheduledWork.class)) {
            refuseUpdatesOfRefusedOrders();
            expireReservation(before, "3 minutes");
            expireReservation(failing, "2 minutes");
            expireReservation(after, "1 minute");

            job.expireReservations().await().atMost(WAIT);

            assertEquals("cancelled", status(before));
            assertEquals("pending", status(failing));
            assertEquals("cancelled", status(after));
            assertEquals(1, log.warningsWith(failing).size(), "one WARN naming the failing order: " + log.warningsWith(failing));
        } finally {
            Sql.update("DROP TRIGGER IF EXISTS job_test_refuse_update ON orders");
            Sql.update("DROP FUNCTION IF EXISTS job_test_refuse_update()");
            scheduler.resume("reservation-expiry");
        }
        Invariants.assertHold();
    }

    @Test
    void aHungOrderIsGivenUpAndLaterRunsStillExpireTheOthers() throws Exception {
        Account owner = TestAccounts.customer();
        String before = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        String hung = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        String after = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        String later = pendingOrder(owner, "job-test-" + UUID.randomUUID());
        try (Connection holder = OwnerDatabase.owner()) {
            holder.setAutoCommit(false);
            lockOrder(holder, hung);
            expireReservation(before, "3 minutes");
            expireReservation(hung, "2 minutes");
            expireReservation(after, "1 minute");

            // Each scheduled run waits on the locked order for the item timeout, then goes on.
            Poll.until(WAIT, "the orders around the hung one expire", () -> "cancelled".equals(status(before)) && "cancelled".equals(status(after)));
            expireReservation(later, "1 second");
            Poll.until(WAIT, "a later run expires an order that expired after the first run", () -> "cancelled".equals(status(later)));
            assertEquals("pending", status(hung));
            holder.rollback();
        }
        Poll.until(WAIT, "the order that hung expires once its lock is gone", () -> "cancelled".equals(status(hung)));
        Invariants.assertHold();
    }

    /** A PENDING order of one unit of a new product, holding its reservation (the card was declined). */
    private static String pendingOrder(Account owner, String key) {
        UUID product = TestProducts.stocked(5, 100);
        return Checkouts.place(owner, key, Checkouts.body(owner, product, 1, owner.declinedCardId())).path("orderId");
    }

    /** A real failure inside the item's transaction: PostgreSQL refuses to update the order. */
    private static void refuseUpdatesOfRefusedOrders() {
        Sql.update("""
                CREATE FUNCTION job_test_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'order % refuses every update (test)', OLD.id;
                END $$""");
        Sql.update("CREATE TRIGGER job_test_refuse_update BEFORE UPDATE ON orders FOR EACH ROW"
                + " WHEN (OLD.idempotency_key LIKE '" + REFUSED + "%') EXECUTE FUNCTION job_test_refuse_update()");
    }

    private static void lockOrder(Connection holder, String order) throws Exception {
        try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM orders WHERE id = ?::uuid FOR UPDATE")) {
            lock.setObject(1, order);
            lock.executeQuery().close();
        }
    }
}
