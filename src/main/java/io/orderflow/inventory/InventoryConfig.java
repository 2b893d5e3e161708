package io.orderflow.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * Inventory's settings, under {@code orderflow.inventory}. (How often the reservation gauges are
 * refreshed, {@code orderflow.metrics.reservations-every}, is read only by the {@code @Scheduled}
 * of {@link ReservationGauges}, with its default there.)
 */
@ConfigMapping(prefix = "orderflow.inventory")
public interface InventoryConfig {

    /** The flash-sale sold-out gate ({@link io.orderflow.inventory.SoldOutGate}). */
    @WithName("sold-out-gate") // the same key without it; named so validation messages show the key
    Gate soldOutGate();

    interface Gate {
        /**
         * How long a product a reservation found at 0 available is refused from Redis before
         * checkouts try PostgreSQL again. 2 s: spares the hot row the rush of buyers after the last
         * unit, yet bounds how long a gate closed on a stale read can hide new stock.
         * ORDERFLOW_SOLD_OUT_GATE_TTL sets it.
         */
        @WithDefault("${ORDERFLOW_SOLD_OUT_GATE_TTL:2S}")
        @DurationMin(millis = 1)
        Duration ttl();
    }
}
