package io.orderflow.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * `make loadtest SCENARIO=browse`: anonymous reads only (product by id, search, listing, and
 * revalidation, which must answer 304). Defaults: 1 -> 50 arrivals/s over 10 s, then 50/s for 60 s.
 */
public class BrowseSimulation extends Simulation {

    private final Api api = new Api(Params.baseUrl());
    private final Catalog catalog = Catalog.forBrowsing(api, Staff.fromParams(api));

    private final ScenarioBuilder browse = scenario("browse").exec(Requests.read(catalog, true));

    {
        setUp(browse.injectOpen(Params.profile(50, 10, 60, 0)))
                .protocols(Requests.protocol())
                .assertions(Requests.slo());
    }
}
