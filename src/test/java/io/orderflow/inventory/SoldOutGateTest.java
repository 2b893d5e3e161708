package io.orderflow.inventory;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Management;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sold-out gate in front of the reserve step. The test profile keeps a closed gate for a
 * minute, so a test that sees it open again proves it was opened, not that it expired.
 */
@QuarkusTest
class SoldOutGateTest {

    private static final Account MANAGER = TestAccounts.staff("manager");

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "orderflow.inventory.sold-out-gate.ttl")
    Duration ttl;

    @Test
    void aBuyerTurnedAwayAtZeroAvailableClosesTheGateForItsTtl() {
        UUID product = soldOut();

        long millisLeft = redis.key().pttl(gateKey(product));

        assertTrue(millisLeft > 0 && millisLeft <= ttl.toMillis(), "gate TTL " + millisLeft + " ms");
    }

    @Test
    void aShortageWithUnitsLeftLeavesTheGateOpen() {
        UUID product = TestProducts.stocked(1, 100);
        Account buyer = TestAccounts.customer();

        assertEquals(409, Checkouts.buy(buyer, product, 2, buyer.visaCardId()).statusCode());

        assertFalse(redis.key().exists(gateKey(product)));
    }

    @Test
    void aGatedBuyerWithANewKeyIsAnsweredWithoutADurableWriteAndTheKeyRunsAgainOnceTheProductIsBack() {
        UUID product = soldOut();
        restockBehindTheGatesBack(product, 5);
        Account buyer = TestAccounts.customer();
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> refused = Checkouts.place(buyer, key, Checkouts.body(buyer, product, 1, buyer.visaCardId()));

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals(PROBLEMS + "out-of-stock", refused.path("type"));
        assertEquals(List.of(product.toString()), refused.path("lines.productId"));
        assertEquals(1, (int) refused.path("lines[0].requested"));
        assertEquals(0, (int) refused.path("lines[0].available"));
        assertEquals(0, Checkouts.ordersOf(buyer));
        assertEquals("5|0|5", levels(product));
        assertEquals(0L, keyRecords(buyer, key), "a gated refusal before the claim writes no idempotency record");

        redis.key().del(gateKey(product));
        ExtractableResponse<Response> bought = Checkouts.place(buyer, key, Checkouts.body(buyer, product, 1, buyer.visaCardId()));

        assertEquals(201, bought.statusCode(), bought.asString());
        assertEquals("4|0|4", levels(product));
        assertEquals(1, Checkouts.ordersOf(buyer));
        Invariants.assertHold();
    }

    /** Eight products' gates lie in several slots of a Redis Cluster (make test-redis-cluster), one MGET per slot. */
    @Test
    void aCheckoutOfManyProductsIsRefusedForExactlyTheGatedOne() {
        UUID gated = soldOut();
        restockBehindTheGatesBack(gated, 5);
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            products.add(TestProducts.stocked(5, 100));
        }
        products.add(3, gated);
        Account buyer = TestAccounts.customer();

        ExtractableResponse<Response> refused = Checkouts.place(buyer, UUID.randomUUID().toString(),
                Checkouts.body(buyer, buyer.visaCardId(), products.stream().map(product -> Checkouts.line(product, 1)).toList()));

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals(PROBLEMS + "out-of-stock", refused.path("type"));
        assertEquals(List.of(gated.toString()), refused.path("lines.productId"));
        assertEquals(0, (int) refused.path("lines[0].available"));
        products.forEach(product -> assertEquals("5|0|5", levels(product)));
    }

    @Test
    void aKeyThatHoldsAnAnswerReplaysItWhileItsProductIsGated() {
        UUID product = TestProducts.stocked(1, 100);
        Account buyer = TestAccounts.customer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());
        ExtractableResponse<Response> first = Checkouts.place(buyer, key, body);
        assertEquals(201, first.statusCode(), first.asString());
        Account latecomer = TestAccounts.customer();
        assertEquals(409, Checkouts.buy(latecomer, product, 1, latecomer.visaCardId()).statusCode());
        assertTrue(redis.key().exists(gateKey(product)));

        ExtractableResponse<Response> replay = Checkouts.place(buyer, key, body);

        assertEquals(201, replay.statusCode(), replay.asString());
        assertEquals(first.body().as(Map.class), replay.body().as(Map.class));
        assertEquals(1, Checkouts.ordersOf(buyer));
        assertEquals("0|0|0", levels(product));
        Invariants.assertHold();
    }

    @Test
    void aRefusalByTheGateIsCountedInTheMetrics() {
        UUID product = soldOut();
        Account buyer = TestAccounts.customer();
        double before = refusalsCounted();

        assertEquals(409, Checkouts.buy(buyer, product, 1, buyer.visaCardId()).statusCode());

        assertEquals(before + 1, refusalsCounted());
    }

    @Test
    void anAdjustmentThatAddsStockOpensTheGateSoTheNextBuyerGetsIt() {
        UUID product = soldOut();

        given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "purchase", "quantityChange", 3, "notes", "Restock"))
                .when().post("/api/v1/inventory/" + product + "/adjustments")
                .then().statusCode(200);

        assertFalse(redis.key().exists(gateKey(product)));
        Account buyer = TestAccounts.customer();
        ExtractableResponse<Response> bought = Checkouts.buy(buyer, product, 1, buyer.visaCardId());
        assertEquals(201, bought.statusCode(), bought.asString());
        assertEquals("2|0|2", levels(product));
        Invariants.assertHold();
    }

    @Test
    void cancellingAPendingOrderOpensTheGateOfTheStockItReleases() {
        UUID product = TestProducts.stocked(1, 100);
        Account holder = TestAccounts.customer();
        String held = Checkouts.declined(holder, product, 1);
        Account latecomer = TestAccounts.customer();
        assertEquals(409, Checkouts.buy(latecomer, product, 1, latecomer.visaCardId()).statusCode());
        assertTrue(redis.key().exists(gateKey(product)));

        given().header("Authorization", holder.bearer()).contentType(ContentType.JSON).when().post("/api/v1/orders/" + held + "/cancel")
                .then().statusCode(200);

        ExtractableResponse<Response> bought = Checkouts.buy(latecomer, product, 1, latecomer.visaCardId());
        assertEquals(201, bought.statusCode(), bought.asString());
        Invariants.assertHold();
    }

    /** A product whose single unit was sold, after which a second buyer was turned away by the database. */
    private static UUID soldOut() {
        UUID product = TestProducts.stocked(1, 100);
        Account first = TestAccounts.customer();
        Account second = TestAccounts.customer();
        assertEquals(201, Checkouts.buy(first, product, 1, first.visaCardId()).statusCode());
        assertEquals(409, Checkouts.buy(second, product, 1, second.visaCardId()).statusCode());
        return product;
    }

    /** Stock the gate cannot know about (written straight to the database, with its ledger row). */
    private static void restockBehindTheGatesBack(UUID product, int units) {
        Sql.update("INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (?, 'purchase', ?)", product, units);
        Sql.update("UPDATE inventory SET quantity_on_hand = quantity_on_hand + ? WHERE product_id = ?", units, product);
    }

    private static long keyRecords(Account buyer, String key) {
        return Sql.count("SELECT count(*) FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?", buyer.id(), key);
    }

    private static double refusalsCounted() {
        Matcher counted = Pattern.compile("(?m)^orderflow_inventory_sold_out_gate_refusals_total\\{instance=\"test\"\\} (\\S+)$")
                .matcher(Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
    }

    private static String gateKey(UUID product) {
        return SoldOutGate.key(product);
    }
}
