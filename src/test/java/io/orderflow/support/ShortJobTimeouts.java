package io.orderflow.support;

import java.util.Map;

/**
 * Scheduled-job limits short enough for a test to watch a hung item or run being given up, and
 * the reservation expiry job due every second, as the scheduler runs it.
 */
public class ShortJobTimeouts extends ConfigOverrides {

    public ShortJobTimeouts() {
        super(Map.of("orderflow.jobs.item-timeout", "1S",
                "orderflow.jobs.run-timeout", "4S",
                "orderflow.checkout.expiry.every", "1s"));
    }
}
