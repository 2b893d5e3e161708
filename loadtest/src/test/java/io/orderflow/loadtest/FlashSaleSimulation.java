package io.orderflow.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * `make loadtest SCENARIO=flash`: a flash sale of FLASH_UNITS (default 100) units of one new SKU;
 * buyers arrive all at once (no ramp): 50/s for 20 s by default, so about 1,000 buyers. Each gets
 * 201 or 409 out-of-stock; then the oversold check reads the SKU's stock as staff.
 */
public class FlashSaleSimulation extends Simulation {

    private final Api api = new Api(Params.baseUrl());
    private final Customers customers = Customers.load(Params.customersCsv(), api);
    private final FlashSale sale = FlashSale.open(api, Staff.fromParams(api), Params.integer("FLASH_UNITS", 100));

    private final ScenarioBuilder buyers = scenario("flash sale").exec(sale.buy(customers));
    private final ScenarioBuilder verify = scenario("after the sale").exec(sale.verify());

    {
        List<Assertion> assertions = new ArrayList<>(Requests.slo());
        assertions.addAll(FlashSale.assertions());
        setUp(buyers.injectOpen(Params.profile(50, 0, 20, 0)).andThen(verify.injectOpen(atOnceUsers(1))))
                .protocols(Requests.protocol())
                .assertions(assertions);
    }

    @Override
    public void after() {
        customers.stop();
        System.out.println("[loadtest] " + sale.summary());
    }
}
