package io.orderflow.inventory;

import io.orderflow.platform.Actor;
import io.orderflow.support.Management;
import io.orderflow.support.Parallel;
import io.orderflow.support.PlacedOrders;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.orderflow.support.TestProducts.ledgerSum;
import static io.orderflow.support.TestProducts.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StockReservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long PRICE_CENTS = 500;

    @Inject
    StockReservations reservations;

    @Inject
    Pool db;

    @Inject
    ReservationGauges gauges;

    @Test
    void activeReservationsArePublishedAsGauges() {
        UUID product = TestProducts.stocked(10, PRICE_CENTS);
        reserve(order(product), new StockLine(product, 4));

        gauges.refresh().await().atMost(WAIT);

        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gaugeValue(metrics, "orderflow_reservations_active{instance=\"test\"} ") >= 1, metrics);
        assertTrue(gaugeValue(metrics, "orderflow_reservations_active_units{instance=\"test\"} ") >= 4, metrics);
    }

    private static double gaugeValue(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name)).mapToDouble(line -> Double.parseDouble(line.substring(name.length()).trim()))
                .findFirst().orElse(-1);
    }

    @Test
    void reserveThenConsumeSellsTheUnitsAndWritesTheLedger() {
        UUID product = TestProducts.stocked(10, PRICE_CENTS);
        UUID order = order(product);
        reserve(order, new StockLine(product, 3));
        assertEquals("10|3|7", levels(product));
        db.withTransaction(tx -> reservations.consume(tx, order, Actor.SYSTEM)).await().atMost(WAIT);
        assertEquals("7|0|7", levels(product));
        assertEquals(7, ledgerSum(product));
    }

    @Test
    void releaseGivesReservedUnitsBack() {
        UUID product = TestProducts.stocked(5, PRICE_CENTS);
        UUID order = order(product);
        reserve(order, new StockLine(product, 5));
        List<UUID> released = db.withTransaction(tx -> reservations.release(tx, order)).await().atMost(WAIT);
        assertEquals(List.of(product), released);
        assertEquals("5|0|5", levels(product));
    }

    @Test
    void returnAfterSalePutsStockBackOnHand() {
        UUID product = TestProducts.stocked(4, PRICE_CENTS);
        UUID order = order(product);
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(new StockLine(product, 2)), Instant.now().plusSeconds(900))
                .call(() -> reservations.consume(tx, order, Actor.SYSTEM))).await().atMost(WAIT);
        List<UUID> returned = db.withTransaction(tx -> reservations.returnSold(tx, order, Actor.SYSTEM)).await().atMost(WAIT);
        assertEquals(List.of(product), returned);
        assertEquals("4|0|4", levels(product));
        assertEquals(4, ledgerSum(product));
    }

    @Test
    void shortLineFailsAndReservesNothing() {
        UUID plenty = TestProducts.stocked(10, PRICE_CENTS);
        UUID scarce = TestProducts.stocked(1, PRICE_CENTS);
        UUID order = order(plenty);
        OutOfStockException failure = assertThrows(OutOfStockException.class,
                () -> reserve(order, new StockLine(plenty, 2), new StockLine(scarce, 2)));
        assertEquals(List.of(new OutOfStockException.ShortLine(scarce, 2, 1)), failure.lines());
        assertEquals("10|0|10", levels(plenty));
        assertEquals("1|0|1", levels(scarce));
    }

    @Test
    void fiftyParallelReservationsOfTwentyUnitsSucceedExactlyTwentyTimes() throws Exception {
        UUID product = TestProducts.stocked(20, PRICE_CENTS);
        TestAccounts.Account customer = TestAccounts.customer();
        List<Callable<Boolean>> reservationsOfOneUnit = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID order = PlacedOrders.pending(customer, product, PRICE_CENTS);
            reservationsOfOneUnit.add(() -> {
                try {
                    reserve(order, new StockLine(product, 1));
                    return true;
                } catch (OutOfStockException soldOut) {
                    return false;
                }
            });
        }

        List<Boolean> reserved = Parallel.race(reservationsOfOneUnit);

        assertEquals(20, reserved.stream().filter(Boolean::booleanValue).count());
        assertEquals("20|20|0", levels(product));
        assertEquals(20, Sql.count("SELECT coalesce(sum(quantity), 0) FROM reservations WHERE status = 'active' AND product_id = ?", product));
    }

    /** Reserves the lines for the order for 15 minutes, in a transaction of its own. */
    private void reserve(UUID order, StockLine... lines) {
        db.withTransaction(tx -> reservations.reserve(tx, order, List.of(lines), Instant.now().plusSeconds(900))).await().atMost(WAIT);
    }

    /** A pending order of a new customer to hang reservations on (its one line is irrelevant to the stock calls). */
    private static UUID order(UUID product) {
        return PlacedOrders.pending(TestAccounts.customer(), product, PRICE_CENTS);
    }
}
