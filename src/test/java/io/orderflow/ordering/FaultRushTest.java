package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.Management;
import io.orderflow.support.Parallel;
import io.orderflow.support.ProxiedServices;
import io.orderflow.support.Sql;
import io.orderflow.support.TcpProxy;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rush of checkouts while PostgreSQL or Redis goes away and comes back (a {@link TcpProxy}
 * cut, like a restart): every buyer, retrying 503 and 409 in-flight with the same key and body as
 * docs/operations.md tells a client to, ends with the request's real answer, never a 500; units
 * sold are exactly the units there were, one order per key, money at the gateway equals money
 * in the database, and the invariants hold.
 */
@QuarkusTest
@TestProfile(FaultRushTest.BehindProxies.class)
class FaultRushTest {

    private static final Logger LOG = Logger.getLogger(FaultRushTest.class);
    private static final int CLIENTS = 24;
    /** A client gives up on one checkout after this long; no outcome may take it. */
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(45);
    private static final RestAssuredConfig PATIENT = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000)
            .setParam("http.socket.timeout", 30_000));

    /** The application's reactive pool and Redis client go through proxies the tests cut. */
    public static class BehindProxies implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedServices.class));
        }
    }

    @Test
    void aTwoSecondDatabaseCutMidRushEndsInEveryBuyersRealAnswer() throws Exception {
        Rush rush = rush(ProxiedServices.database(), 120, 80, Duration.ofSeconds(2));

        rush.assertEveryBuyerGotTheRealAnswer();
        rush.assertStockAndMoneyAddUp();
    }

    @Test
    void aTwoSecondRedisCutMidRushEndsInEveryBuyersRealAnswer() throws Exception {
        Rush rush = rush(ProxiedServices.redis(), 120, 80, Duration.ofSeconds(2));

        rush.assertEveryBuyerGotTheRealAnswer();
        rush.assertStockAndMoneyAddUp();
    }

    @Test
    void aDatabaseCutLongerThanTheRetryBudgetAnswers503ThenTheSameKeyCompletes() throws Exception {
        Rush rush = rush(ProxiedServices.database(), 48, 30, Duration.ofSeconds(12));

        assertTrue(rush.outcomes.stream().anyMatch(o -> o.statuses.contains(503)),
                "a 12 s cut outlasts the 8 s retry budget, so some buyer saw 503 before its answer: " + rush.statusCounts());
        rush.assertEveryBuyerGotTheRealAnswer();
        rush.assertStockAndMoneyAddUp();
    }

    /** One buyer's checkout: every status it saw, retries included, and how it ended. */
    private record Outcome(Account buyer, String key, List<Integer> statuses, int finalStatus, String finalType, String orderId) {
    }

    private final class Rush {

        final UUID product;
        final int units;
        final int buyers;
        final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        /** 503 and 409 in-flight answers that did not say when to retry. */
        final AtomicInteger withoutRetryAfter = new AtomicInteger();
        final AtomicInteger connectionErrors = new AtomicInteger();
        final AtomicLong readyAfterRestoreMillis = new AtomicLong(-1);
        volatile long cutAtMillis = -1;
        volatile long restoredAtMillis = -1;

        Rush(UUID product, int units, int buyers) {
            this.product = product;
            this.units = units;
            this.buyers = buyers;
        }

        int seen(int status) {
            AtomicInteger count = statuses.get(status);
            return count == null ? 0 : count.get();
        }

        Map<Integer, Integer> statusCounts() {
            return statuses.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, TreeMap::new));
        }

        void assertEveryBuyerGotTheRealAnswer() {
            assertEquals(buyers, outcomes.size());
            assertEquals(0, seen(500), "no 500 ever: " + statusCounts());
            assertTrue(List.of(201, 409, 503).containsAll(statuses.keySet()), "only 201, 409 and 503 seen: " + statusCounts());
            assertEquals(0, withoutRetryAfter.get(), "every 503 and 409 in-flight says Retry-After");
            List<Outcome> unfinished = outcomes.stream()
                    .filter(o -> !(o.finalStatus == 201 || (o.finalStatus == 409 && (PROBLEMS + "out-of-stock").equals(o.finalType))))
                    .toList();
            assertEquals(List.of(), unfinished, "every buyer ends with 201 or 409 out-of-stock");
            int sold = Math.min(units, buyers);
            assertEquals(sold, outcomes.stream().filter(o -> o.finalStatus == 201).count(), "confirmed: " + statusCounts());
            assertEquals(buyers - sold, outcomes.stream().filter(o -> o.finalStatus == 409).count(), "out of stock: " + statusCounts());
            assertTrue(readyAfterRestoreMillis.get() >= 0 && readyAfterRestoreMillis.get() <= 10_000,
                    "ready again within 10 s of the restore, was " + readyAfterRestoreMillis.get() + " ms");
        }

        void assertStockAndMoneyAddUp() {
            int sold = Math.min(units, buyers);
            awaitNoHeldStock();
            assertEquals((units - sold) + "|0|" + (units - sold), levels(product), "on_hand|reserved|available");
            assertEquals(sold, Sql.count("SELECT coalesce(-sum(quantity_change), 0) FROM inventory_transactions WHERE product_id = ? AND type = 'sale'", product),
                    "units sold on the ledger");
            assertEquals(sold, Sql.count("SELECT coalesce(sum(i.quantity), 0) FROM orders o JOIN order_items i ON i.order_id = o.id"
                    + " WHERE i.product_id = ? AND o.status = 'confirmed'", product), "units confirmed");
            assertEquals(0, Sql.count("SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id"
                    + " WHERE i.product_id = ? AND o.status <> 'confirmed'", product), "every order of the rush is confirmed");
            List<String> answered = outcomes.stream().filter(o -> o.finalStatus == 201).map(o -> o.key + "=" + o.orderId).sorted().toList();
            assertEquals(answered, ordersByKey(product), "one order per key, the one its buyer was answered, none for a key answered 409");
            GatewayLedger.assertMatches(outcomes.stream().filter(o -> o.finalStatus == 201).map(Outcome::orderId).toList());
            Invariants.assertHold();
        }

        /** The recovery jobs get their time to finish any run a buyer's retries did not. */
        private void awaitNoHeldStock() {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            String held = "SELECT count(*) FROM orders o JOIN reservations r ON r.order_id = o.id"
                    + " WHERE r.product_id = ? AND o.status = 'pending' AND r.status = 'active'";
            while (Sql.count(held, product) > 0 && System.nanoTime() < deadline) {
                pause(Duration.ofMillis(500));
            }
            assertEquals(0, Sql.count(held, product), "no order left PENDING holding stock");
        }
    }

    /**
     * {@code buyers} checkouts of one unit each, every one under its own key, of a product with
     * {@code units} in stock, from {@value #CLIENTS} clients signed in as {@value #CLIENTS}
     * customers; once a quarter of them have started, {@code proxy} is cut for {@code cut}, then
     * restored, and readiness is timed from the restore.
     */
    private Rush rush(TcpProxy proxy, int buyers, int units, Duration cut) throws Exception {
        Rush rush = new Rush(TestProducts.stocked(units, 100), units, buyers);
        List<Account> customers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            customers.add(TestAccounts.customer());
        }
        AtomicInteger clients = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        Thread cutter = new Thread(() -> cutMidRush(proxy, cut, next, buyers / 4, rush, start), "fault-rush-cutter");
        cutter.start();
        try {
            Parallel.times(CLIENTS, () -> {
                Account customer = customers.get(clients.getAndIncrement());
                while (next.getAndIncrement() < buyers) {
                    rush.outcomes.add(checkout(customer, rush));
                }
                return null;
            });
        } finally {
            cutter.join(Duration.ofSeconds(40).toMillis());
            proxy.restore();
        }
        long end = System.nanoTime();
        assertFalse(cutter.isAlive(), "the cut ended");
        assertTrue(proxy.accepted() > 0, "the application connects through the proxy");
        LOG.infof("Rush of %d checkouts for %d units, cut %d..%d ms, last answer at %d ms, ready %d ms after the restore;"
                        + " statuses %s, %d requests without an answer, %d connections reset on arrival",
                buyers, units, rush.cutAtMillis, rush.restoredAtMillis, Duration.ofNanos(end - start).toMillis(),
                rush.readyAfterRestoreMillis.get(), rush.statusCounts(), rush.connectionErrors.get(), proxy.refused());
        return rush;
    }

    private static void cutMidRush(TcpProxy proxy, Duration cut, AtomicInteger started, int after, Rush rush, long start) {
        while (started.get() < after) {
            pause(Duration.ofMillis(5));
        }
        proxy.cut();
        rush.cutAtMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        pause(cut);
        proxy.restore();
        long restored = System.nanoTime();
        rush.restoredAtMillis = Duration.ofNanos(restored - start).toMillis();
        while (System.nanoTime() - restored < Duration.ofSeconds(15).toNanos()) {
            if (Management.given().when().get("/q/health/ready").statusCode() == 200) {
                rush.readyAfterRestoreMillis.set(Duration.ofNanos(System.nanoTime() - restored).toMillis());
                return;
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** One buyer as docs/operations.md tells a client: 503, 409 in-flight or no answer, wait Retry-After, same key, same body. */
    private static Outcome checkout(Account buyer, Rush rush) {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, rush.product, 1, buyer.visaCardId());
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            ExtractableResponse<Response> response;
            try {
                response = given().config(PATIENT).header("Authorization", buyer.bearer()).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(body)
                        .when().post("/api/v1/orders")
                        .then().extract();
            } catch (RuntimeException noAnswer) {
                rush.connectionErrors.incrementAndGet();
                pause(Duration.ofSeconds(1));
                continue;
            }
            int status = response.statusCode();
            seen.add(status);
            rush.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            String type = status >= 400 ? response.path("type") : null;
            boolean again = status == 503 || (status == 409 && (PROBLEMS + "idempotency-in-flight").equals(type));
            if (!again) {
                return new Outcome(buyer, key, seen, status, type, status == 201 ? response.path("id") : null);
            }
            String retryAfter = response.header("Retry-After");
            if (retryAfter == null) {
                rush.withoutRetryAfter.incrementAndGet();
            }
            pause(Duration.ofSeconds(retryAfter == null ? 1 : Long.parseLong(retryAfter)));
        }
        return new Outcome(buyer, key, seen, -1, "gave up after " + CLIENT_PATIENCE, null);
    }

    /** "key=orderId" of every order of the product, sorted. */
    private static List<String> ordersByKey(UUID product) {
        String orders = Sql.value("SELECT string_agg(o.idempotency_key || '=' || o.id, ',') FROM orders o"
                + " JOIN order_items i ON i.order_id = o.id WHERE i.product_id = ?", product);
        return orders == null ? List.of() : Stream.of(orders.split(",")).sorted().toList();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
