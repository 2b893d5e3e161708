package io.orderflow.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The requests the scenarios are made of, each with the statuses it may answer: any other
 * status is a failed request, and a run with one failed request fails ({@link #slo()}).
 */
final class Requests {

    /** The body of POST /orders; #{...} come from the feeders. */
    static final String ORDER = """
            {"items":[{"productId":"#{productId}","quantity":1}],\
            "shippingAddressId":"#{addressId}","billingAddressId":"#{addressId}","paymentMethodId":"#{paymentMethodId}"}""";

    private Requests() {
    }

    /**
     * The server under test. No warm-up call and no HTTP cache: every conditional request the
     * report shows is one the scenario sends on purpose.
     */
    static HttpProtocolBuilder protocol() {
        return http.baseUrl(Params.baseUrl())
                .acceptHeader("application/json")
                .userAgentHeader("orderflow-loadtest (Gatling)")
                .disableWarmUp()
                .disableCaching();
    }

    /** P99_MS on every request of the run, and no request answered with a status it must not. */
    static List<Assertion> slo() {
        return List.of(
                global().responseTime().percentile(99.0).lt(Params.p99Ms()),
                global().failedRequests().count().is(0L));
    }

    /**
     * One read of a browsing customer, picked at random: a product by id (40%), a search (20%), a
     * listing page (20%), or a product and its revalidation with If-None-Match (20%). With
     * {@code expectNotModified} the revalidation must answer 304; when the same run sells the
     * product its availability (and so its ETag) may change in between, and 200 is right too.
     */
    static ChainBuilder read(Catalog catalog, boolean expectNotModified) {
        return feed(catalog.readFeeder()).exec(randomSwitch().on(
                percent(40.0).then(exec(http("product by id").get("/api/v1/products/#{productId}").check(status().is(200)))),
                percent(20.0).then(exec(http("search").get("/api/v1/products?query=#{term}&limit=20").check(status().is(200)))),
                percent(20.0).then(exec(http("listing").get("#{listing}").check(status().is(200)))),
                percent(20.0).then(revalidation(expectNotModified))));
    }

    private static ChainBuilder revalidation(boolean expectNotModified) {
        return exec(http("product for revalidation").get("/api/v1/products/#{productId}")
                .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("revalidate (If-None-Match)").get("/api/v1/products/#{productId}")
                        .header("If-None-Match", "#{etag}")
                        .check(expectNotModified ? status().is(304) : status().in(200, 304)));
    }

    /** One checkout of one unit of a random load-test SKU by a random customer: paid, 201. */
    static ChainBuilder checkout(Customers customers, List<String> skus) {
        Iterator<Map<String, Object>> products = Catalog.randomIds(skus, "productId");
        return feed(customers.feeder()).feed(products)
                .exec(http("checkout").post("/api/v1/orders")
                        .header("Authorization", "Bearer #{accessToken}")
                        .header("Idempotency-Key", "lt-#{randomUuid()}")
                        .body(StringBody(ORDER)).asJson()
                        .check(status().is(201)));
    }
}
