package io.orderflow.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * `make loadtest SCENARIO=smoke`: 30 seconds of a little of everything, for a pipeline after a
 * deploy. 5 arrivals/s: 60% reads, 25% checkouts, 15% buyers of a small flash sale (FLASH_UNITS,
 * default 5, so it sells out); then the oversold check.
 */
public class SmokeSimulation extends Simulation {

    private final Api api = new Api(Params.baseUrl());
    private final Staff staff = Staff.fromParams(api);
    private final Catalog catalog = Catalog.forBrowsing(api, staff);
    private final List<String> skus = Catalog.ensureSkus(api, staff, Params.integer("CHECKOUT_SKUS", 50), 10_000);
    private final Customers customers = Customers.load(Params.customersCsv(), api);
    private final FlashSale sale = FlashSale.open(api, staff, Params.integer("FLASH_UNITS", 5));

    private final ScenarioBuilder everything = scenario("smoke").exec(randomSwitch().on(
            percent(60.0).then(Requests.read(catalog, false)),
            percent(25.0).then(Requests.checkout(customers, skus)),
            percent(15.0).then(sale.buy(customers))));
    private final ScenarioBuilder verify = scenario("after the sale").exec(sale.verify());

    {
        List<Assertion> assertions = new ArrayList<>(Requests.slo());
        assertions.addAll(FlashSale.assertions());
        setUp(everything.injectOpen(Params.profile(5, 0, 30, 0)).andThen(verify.injectOpen(atOnceUsers(1))))
                .protocols(Requests.protocol())
                .assertions(assertions);
    }

    @Override
    public void after() {
        customers.stop();
        System.out.println("[loadtest] " + sale.summary());
    }
}
