package io.orderflow.cart;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
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

    /**
     * Guest cart writes (POST /cart, PUT and DELETE of a guest cart's lines) from one IP per window. 120 a
     * minute: a person filling a cart stays far below; a script filling Redis with carts does not.
     * Signed-in customers are limited per user (orderflow.rate-limit.writes-per-user). Fails open without Redis.
     */
    @WithName("guest-writes-per-ip.permits")
    @WithDefault("120")
    @Positive
    int guestWritesPerIpPermits();

    /** The window those permits are counted in: 1 min. */
    @WithName("guest-writes-per-ip.window")
    @WithDefault("1m")
    @DurationMin(millis = 1)
    Duration guestWritesPerIpWindow();
}
