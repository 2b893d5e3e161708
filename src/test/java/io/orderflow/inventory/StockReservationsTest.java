package io.orderflow.inventory;

import io.orderflow.platform.Actor;
import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StockReservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    StockReservations reservations;

    @Inject
    Pool db;

    @Inject
    ReservationGauges gauges;

    @Test
    void activeReservationsArePublishedAsGauges() throws SQLException {
        UUID product = product(10);
        UUID order = order(product);
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 4)), Instant.now().plusSeconds(900)))
                .await().atMost(WAIT);

        gauges.refresh().await().atMost(WAIT);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gaugeValue(metrics, "orderflow_reservations_active ") >= 1, metrics);
        assertTrue(gaugeValue(metrics, "orderflow_reservations_active_units ") >= 4, metrics);
    }

    private static double gaugeValue(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name)).mapToDouble(line -> Double.parseDouble(line.substring(name.length()).trim()))
                .findFirst().orElse(-1);
    }

    @Test
    void reserveThenConsumeSellsTheUnitsAndWritesTheLedger() throws SQLException {
        UUID product = product(10);
        UUID order = order(product);
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 3)), Instant.now().plusSeconds(900)))
                .await().atMost(WAIT);
        assertEquals("10|3|7", levels(product));
        db.withTransaction(tx -> reservations.consume(tx, order, Actor.SYSTEM)).await().atMost(WAIT);
        assertEquals("7|0|7", levels(product));
        assertEquals(7, ledgerSum(product));
    }

    @Test
    void releaseGivesReservedUnitsBack() throws SQLException {
        UUID product = product(5);
        UUID order = order(product);
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 5)), Instant.now().plusSeconds(900)))
                .await().atMost(WAIT);
        List<UUID> released = db.withTransaction(tx -> reservations.release(tx, order)).await().atMost(WAIT);
        assertEquals(List.of(product), released);
        assertEquals("5|0|5", levels(product));
    }

    @Test
    void returnAfterSalePutsStockBackOnHand() throws SQLException {
        UUID product = product(4);
        UUID order = order(product);
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 2)), Instant.now().plusSeconds(900))
                .call(() -> reservations.consume(tx, order, Actor.SYSTEM))).await().atMost(WAIT);
        List<UUID> returned = db.withTransaction(tx -> reservations.returnSold(tx, order, Actor.SYSTEM)).await().atMost(WAIT);
        assertEquals(List.of(product), returned);
        assertEquals("4|0|4", levels(product));
        assertEquals(4, ledgerSum(product));
    }

    @Test
    void shortLineFailsAndReservesNothing() throws SQLException {
        UUID plenty = product(10);
        UUID scarce = product(1);
        UUID order = order(plenty);
        OutOfStockException failure = assertThrows(OutOfStockException.class, () -> db.withTransaction(tx ->
                reservations.reserve(tx, order, List.of(new StockLine(plenty, 2), new StockLine(scarce, 2)), Instant.now().plusSeconds(900)))
                .await().atMost(WAIT));
        assertEquals(List.of(new OutOfStockException.ShortLine(scarce, 2, 1)), failure.lines());
        assertEquals("10|0|10", levels(plenty));
        assertEquals("1|0|1", levels(scarce));
    }

    @Test
    void fiftyParallelReservationsOfTwentyUnitsSucceedExactlyTwentyTimes() throws Exception {
        UUID product = product(20);
        TestAccounts.Account customer = TestAccounts.customer();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(order(customer, product));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> reserved = new ArrayList<>();
        for (UUID order : orders) {
            reserved.add(pool.submit(() -> {
                start.await();
                try {
                    db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 1)), Instant.now().plusSeconds(900)))
                            .await().atMost(WAIT);
                    return true;
                } catch (OutOfStockException soldOut) {
                    return false;
                }
            }));
        }
        start.countDown();
        int succeeded = 0;
        for (Future<Boolean> result : reserved) {
            succeeded += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(20, succeeded);
        assertEquals("20|20|0", levels(product));
        assertEquals(20, activeReservations(product));
    }

    private static UUID product(int onHand) throws SQLException {
        UUID id = UUID.randomUUID();
        String suffix = id.toString().substring(0, 13);
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency) VALUES ('" + id
                    + "', 'SKU-" + suffix + "', 'p-" + suffix + "', 'Thing', 'tools', 'physical', 500, 'USD')");
            s.execute("INSERT INTO inventory (product_id, quantity_on_hand) VALUES ('" + id + "', " + onHand + ")");
            s.execute("INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES ('" + id + "', 'purchase', " + onHand + ")");
        }
        return id;
    }

    /** A pending order to hang reservations on (its one line is irrelevant to the stock calls). */
    private static UUID order(UUID product) throws SQLException {
        return order(TestAccounts.customer(), product);
    }

    private static UUID order(TestAccounts.Account customer, UUID product) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO orders (id, customer_id, subtotal_cents, total_cents, currency, shipping_address_id, billing_address_id, idempotency_key)"
                    + " VALUES ('" + id + "', '" + customer.id() + "', 500, 500, 'USD', '" + customer.addressId() + "', '" + customer.addressId() + "', '" + id + "')");
            s.execute("INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)"
                    + " VALUES ('" + id + "', '" + product + "', 'S', 'Thing', 500, 1, 500)");
            c.commit();
        }
        return id;
    }

    private static String levels(UUID product) throws SQLException {
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT quantity_on_hand || '|' || quantity_reserved || '|' || quantity_available FROM inventory WHERE product_id = '" + product + "'")) {
            r.next();
            return r.getString(1);
        }
    }

    private static int activeReservations(UUID product) throws SQLException {
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(quantity), 0) FROM reservations WHERE status = 'active' AND product_id = '" + product + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static int ledgerSum(UUID product) throws SQLException {
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(quantity_change) FROM inventory_transactions WHERE product_id = '" + product + "'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
