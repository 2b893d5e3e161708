package io.orderflow.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A flash sale: a new SKU with a few units and many buyers of one unit each. A buyer gets 201
 * (paid) or 409 out-of-stock; anything else fails the run. Afterwards the staff inventory of the
 * SKU must show nothing oversold: available >= 0, nothing left reserved, and on hand = the
 * initial units - the 201s the buyers got.
 */
final class FlashSale {

    static final String CHECK = "oversold check";

    final String productId;
    final String sku;
    final int units;
    private final Staff staff;
    private final AtomicInteger sold = new AtomicInteger();
    private final AtomicInteger soldOut = new AtomicInteger();
    private volatile String levelsAfter;

    private FlashSale(String productId, String sku, int units, Staff staff) {
        this.productId = productId;
        this.sku = sku;
        this.units = units;
        this.staff = staff;
    }

    /** Creates the SKU (category loadtest-flash) with {@code units} on hand. */
    static FlashSale open(Api api, Staff staff, int units) {
        String sku = "LT-FLASH-" + Instant.now().toEpochMilli();
        JsonNode product = api.post("/api/v1/products", staff.token(), Map.of("sku", sku, "name", "Load test flash sale " + sku,
                "description", "One SKU, few units, many buyers.", "category", Catalog.CATEGORY + "-flash", "kind", "physical",
                "priceCents", 1999, "currency", "USD", "initialStock", units, "reorderPoint", 1), 201);
        System.out.printf("[loadtest] flash sale SKU %s (%s): %d units%n", sku, product.path("id").asText(), units);
        return new FlashSale(product.path("id").asText(), sku, units, staff);
    }

    ChainBuilder buy(Customers customers) {
        return feed(customers.feeder())
                .exec(session -> session.set("productId", productId))
                .exec(http("flash checkout").post("/api/v1/orders")
                        .header("Authorization", "Bearer #{accessToken}")
                        .header("Idempotency-Key", "lt-#{randomUuid()}")
                        .body(StringBody(Requests.ORDER)).asJson()
                        .check(status().in(201, 409).saveAs("flashStatus"))
                        .checkIf((response, session) -> response.status().code() == 409)
                        .then(jsonPath("$.type").transform(type -> type.endsWith("/out-of-stock")).is(true)))
                .exec(session -> {
                    if (session.contains("flashStatus")) {
                        (session.getInt("flashStatus") == 201 ? sold : soldOut).incrementAndGet();
                    }
                    return session.remove("flashStatus");
                });
    }

    /** The staff read of the SKU's stock after the last buyer, as one request that fails unless nothing was oversold. */
    ChainBuilder verify() {
        return exec(http(CHECK).get("/api/v1/inventory/" + productId)
                .header("Authorization", session -> "Bearer " + staff.token())
                .check(status().is(200),
                        bodyString().saveAs("levels"),
                        jsonPath("$.available").ofInt().gte(0),
                        jsonPath("$.reserved").ofInt().is(0),
                        jsonPath("$.onHand").ofInt().is(session -> units - sold.get())))
                .exec(session -> {
                    levelsAfter = session.getString("levels");
                    return session;
                });
    }

    /** The check ran once and passed. */
    static List<Assertion> assertions() {
        return List.of(details(CHECK).successfulRequests().count().is(1L),
                details(CHECK).failedRequests().count().is(0L));
    }

    /** One line for the console: what was sold, what the inventory says, and the verdict. */
    String summary() {
        if (levelsAfter == null) {
            return String.format("flash sale %s: %d units, %d answered 201, %d answered 409 out-of-stock; inventory not read: FAIL",
                    sku, units, sold.get(), soldOut.get());
        }
        JsonNode levels;
        try {
            levels = Api.JSON.readTree(levelsAfter);
        } catch (java.io.IOException e) {
            return "flash sale " + sku + ": unreadable inventory " + levelsAfter;
        }
        int onHand = levels.path("onHand").asInt();
        int soldByStock = units - onHand;
        int oversold = Math.max(0, sold.get() - units);
        boolean pass = oversold == 0 && levels.path("available").asInt() >= 0 && levels.path("reserved").asInt() == 0 && soldByStock == sold.get();
        return String.format("flash sale %s: %d units, %d answered 201, %d answered 409 out-of-stock; inventory after: "
                        + "on hand %d, reserved %d, available %d; sold by stock %d = 201s %d; oversold %d: %s",
                sku, units, sold.get(), soldOut.get(), onHand, levels.path("reserved").asInt(), levels.path("available").asInt(),
                soldByStock, sold.get(), oversold, pass ? "PASS" : "FAIL");
    }
}
