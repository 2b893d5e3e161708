package io.orderflow.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * `make loadtest SCENARIO=mixed`: a day in miniature. 95% of arrivals read (as in browse), 5%
 * check out (as in checkout); the rate climbs from RATE_FROM to RATE, holds, and falls back.
 * Defaults: 1 -> 40 arrivals/s over 30 s, 40/s for 120 s, back down over 30 s.
 */
public class MixedSimulation extends Simulation {

    private final Api api = new Api(Params.baseUrl());
    private final Staff staff = Staff.fromParams(api);
    private final Catalog catalog = Catalog.forBrowsing(api, staff);
    private final List<String> skus = Catalog.ensureSkus(api, staff, Params.integer("CHECKOUT_SKUS", 50), 10_000);
    private final Customers customers = Customers.load(Params.customersCsv(), api);

    private final ScenarioBuilder day = scenario("mixed day").exec(randomSwitch().on(
            percent(95.0).then(Requests.read(catalog, false)),
            percent(5.0).then(Requests.checkout(customers, skus))));

    {
        setUp(day.injectOpen(Params.profile(40, 30, 120, 30)))
                .protocols(Requests.protocol())
                .assertions(Requests.slo());
    }

    @Override
    public void after() {
        customers.stop();
    }
}
