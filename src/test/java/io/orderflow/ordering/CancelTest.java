package io.orderflow.ordering;

import io.orderflow.platform.Actor;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Checkouts.Placed;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.Parallel;
import io.orderflow.support.Poll;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.orderflow.support.Checkouts.cancel;
import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CancelTest {

    @Inject
    Pool db;

    @Inject
    OrderTransitions transitions;

    @Test
    void cancellingAPendingOrderReleasesItsStock() {
        Placed placed = Checkouts.declinedOrder(2);
        String order = placed.id();

        cancel(placed.buyer(), order).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("cancellationReason", equalTo("customer_request"));

        assertEquals("5|0|5", levels(placed.product()));
        assertEquals("released", Sql.value("SELECT status FROM reservations WHERE order_id = ?::uuid", order));
        Invariants.assertHold();
    }

    @Test
    void cancellingAConfirmedOrderRefundsItAndReturnsTheStock() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 700);
        String order = Checkouts.paid(owner, product, 2);

        cancel(owner, order).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("payment.status", equalTo("refunded")).body("payment.amountRefundedCents", equalTo(1400));

        assertEquals("5|0|5", levels(product));
        assertEquals("2", Sql.value("SELECT sum(quantity_change) FROM inventory_transactions WHERE order_id = ?::uuid AND type = 'return'", order));
        assertEquals("1400", Sql.value("SELECT sum(r.amount_cents) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
        // Recorded pending before the gateway was asked, then succeeded with its answer.
        assertEquals(2, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'refund' AND entity_id = "
                + "(SELECT r.id FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid)", order));
        Invariants.assertHold();
    }

    @Test
    void staffMayCancelACustomersOrder() {
        Account owner = TestAccounts.customer();
        String pending = Checkouts.declined(owner, TestProducts.stocked(5, 100), 1);
        String paid = Checkouts.paid(owner, TestProducts.stocked(5, 100), 1);

        cancel(TestAccounts.staff(Roles.EMPLOYEE), pending).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancellationReason", equalTo("staff_request"));
        cancel(TestAccounts.staff(Roles.MANAGER), paid).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("payment.status", equalTo("refunded"));
    }

    @Test
    void anEmployeeCannotCancelAPaidOrderBecauseThatRefundsIt() {
        Placed placed = Checkouts.paidOrder(1);
        String order = placed.id();

        cancel(TestAccounts.staff(Roles.EMPLOYEE), order).then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("4|0|4", levels(placed.product()));
        assertEquals(0, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
    }

    @Test
    void aCancelRacingARefundNeverRefundsMoreThanWasCaptured() throws Exception {
        Account manager = TestAccounts.staff(Roles.MANAGER);
        for (int round = 0; round < 5; round++) {
            UUID product = TestProducts.stocked(5, 1000);
            String order = paidOrder(product);

            List<Integer> statuses = raceWithCancel(manager, order, () -> given().header("Authorization", manager.bearer())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON).body(Map.of("amountCents", 600))
                    .when().post("/api/v1/orders/" + order + "/refunds").statusCode());

            assertEquals(200, statuses.get(0), statuses.toString());
            assertEquals("cancelled|1000|refunded", Sql.value("SELECT o.status || '|' || p.amount_refunded_cents || '|' || p.status FROM orders o"
                    + " JOIN payments p ON p.order_id = o.id WHERE o.id = ?::uuid", order));
            assertEquals("5|0|5", levels(product));
            GatewayLedger.assertMatches(order);
        }
        Invariants.assertHold();
    }

    @Test
    void aCancelRacingAShipmentLeavesEitherAShippedOrderOrARefundedOne() throws Exception {
        Account manager = TestAccounts.staff(Roles.MANAGER);
        for (int round = 0; round < 5; round++) {
            String order = paidOrder(TestProducts.stocked(5, 1000));

            List<Integer> statuses = raceWithCancel(manager, order, () -> given().header("Authorization", manager.bearer())
                    .contentType(ContentType.JSON)
                    .body(Map.of("carrier", "ups", "trackingNumber", "1Z" + UUID.randomUUID().toString().replace("-", "")))
                    .when().post("/api/v1/orders/" + order + "/shipments").statusCode());

            String outcome = Sql.value("SELECT o.status || '|' || p.amount_refunded_cents || '|' || (SELECT count(*) FROM shipments s WHERE s.order_id = o.id)"
                    + " FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = ?::uuid", order);
            if (statuses.get(0) == 200) {
                assertEquals(409, statuses.get(1), statuses.toString());
                assertEquals("cancelled|1000|0", outcome);
            } else {
                assertEquals(List.of(409, 201), statuses);
                assertEquals("shipped|0|1", outcome);
            }
            GatewayLedger.assertMatches(order);
        }
        Invariants.assertHold();
    }

    @Test
    void aCancelWaitingOnARefundBeingCompletedRefundsExactlyTheRest() throws Exception {
        String order = paidOrder(TestProducts.stocked(5, 1000));
        String payment = Sql.value("SELECT id FROM payments WHERE order_id = ?::uuid", order);
        UUID refund = UUID.randomUUID();
        Sql.update("INSERT INTO refunds (id, payment_id, amount_cents, reason, status, gateway_idempotency_key)"
                + " VALUES (?, ?::uuid, 400, 'staff_refund', 'pending', ?)", refund, payment, "refund_" + refund);
        try (Connection completing = OwnerDatabase.owner()) {
            // The refund's completion, as RefundService commits it, holding the payment's row lock meanwhile.
            completing.setAutoCommit(false);
            int completingPid = backendPid(completing);
            OwnerDatabase.execute(completing, "UPDATE refunds SET status = 'succeeded', gateway_refund_id = ?, completed_at = now() WHERE id = ?",
                    "re_" + refund, refund);
            OwnerDatabase.execute(completing, "UPDATE payments SET amount_refunded_cents = 400 WHERE id = ?::uuid", payment);
            CompletableFuture<Integer> cancelled = CompletableFuture.supplyAsync(() -> cancel(TestAccounts.staff(Roles.ADMIN), order).statusCode());
            Poll.until(Duration.ofSeconds(30), "the cancel waits on the payment row", () -> Sql.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE ?::int = ANY (pg_blocking_pids(pid))", completingPid) > 0);
            completing.commit();

            assertEquals(200, cancelled.get(30, TimeUnit.SECONDS));
        }

        assertEquals("1000|refunded", Sql.value("SELECT amount_refunded_cents || '|' || status FROM payments WHERE id = ?::uuid", payment));
        assertEquals("400,600", Sql.value("SELECT string_agg(amount_cents::text, ',' ORDER BY amount_cents) FROM refunds WHERE payment_id = ?::uuid",
                payment));
        Invariants.assertHold();
    }

    private static int backendPid(Connection db) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void cancellingTwiceAnswers409AndChangesNothing() {
        Placed placed = Checkouts.paidOrder(1);
        String order = placed.id();
        cancel(placed.buyer(), order).then().statusCode(200);

        cancel(placed.buyer(), order).then().statusCode(409).body("type", equalTo(PROBLEMS + "illegal-transition"));

        assertEquals("5|0|5", levels(placed.product()));
        assertEquals(1, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        Placed placed = Checkouts.paidOrder(1);
        UUID order = UUID.fromString(placed.id());
        db.withTransaction(tx -> transitions.markShipped(tx, order, Actor.SYSTEM))
                .await().atMost(Duration.ofSeconds(10));

        cancel(placed.buyer(), order.toString()).then().statusCode(409).body("type", equalTo(PROBLEMS + "illegal-transition"));

        assertEquals("shipped", Sql.value("SELECT status FROM orders WHERE id = ?", order));
        assertEquals("4|0|4", levels(placed.product()));
        assertEquals(0, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?", order));
    }

    /** A CONFIRMED order of one unit of {@code product}, paid by a new customer. */
    private static String paidOrder(UUID product) {
        return Checkouts.paid(TestAccounts.customer(), product, 1);
    }

    /** The caller's cancel of {@code order} and {@code other} at once; their statuses in that order. */
    private static List<Integer> raceWithCancel(Account caller, String order, Callable<Integer> other) throws Exception {
        return Parallel.race(List.of(() -> cancel(caller, order).statusCode(), other));
    }
}
