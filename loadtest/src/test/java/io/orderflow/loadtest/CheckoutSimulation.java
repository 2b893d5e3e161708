package io.orderflow.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * `make loadtest SCENARIO=checkout`: signed-in customers buy one unit of a random load-test SKU
 * (CHECKOUT_SKUS, default 50, stocked by the test); every checkout must answer 201.
 * Defaults: 1 -> 10 arrivals/s over 10 s, then 10/s for 60 s.
 */
public class CheckoutSimulation extends Simulation {

    private final Api api = new Api(Params.baseUrl());
    private final List<String> skus = Catalog.ensureSkus(api, Staff.fromParams(api), Params.integer("CHECKOUT_SKUS", 50), 10_000);
    private final Customers customers = Customers.load(Params.customersCsv(), api);

    private final ScenarioBuilder checkout = scenario("checkout").exec(Requests.checkout(customers, skus));

    {
        setUp(checkout.injectOpen(Params.profile(10, 10, 60, 0)))
                .protocols(Requests.protocol())
                .assertions(Requests.slo());
    }

    @Override
    public void after() {
        customers.stop();
    }
}
