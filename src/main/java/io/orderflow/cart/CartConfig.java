package io.orderflow.cart;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Cart's settings, under {@code orderflow.cart}. */
@ConfigMapping(prefix = "orderflow.cart")
public interface CartConfig {

    /**
     * How long a cart (a Redis hash) lives after its last change. 24 h: a shopper who comes back
     * later the same day finds it; abandoned guest carts go within a day. Whole seconds (Redis {@code EXPIRE}).
     */
    @WithDefault("24H")
    @DurationMin(seconds = 1)
    Duration ttl();
}
