package io.orderflow.ordering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The checkout's settings, under {@code orderflow.checkout} (application.properties documents each). */
@ConfigMapping(prefix = "orderflow.checkout")
public interface CheckoutConfig {

    /** How long a PENDING order holds its stock before the expiry job gives it up. */
    Duration reservationTtl();

    /** Shipping of an order, one flat amount in minor units. */
    long shippingFlatCents();

    /** Tax, a rate of the subtotal in basis points (0 = none). */
    int taxBasisPoints();

    Idempotency idempotency();

    Expiry expiry();

    TransientRetry transientRetry();

    Recovery recovery();

    interface Idempotency {
        /** How long a run in flight holds its key; a crashed instance's lock runs out after this. */
        Duration lock();

        /** How long an answer stays replayable. */
        Duration retention();

        Duration purgeEvery();
    }

    interface Expiry {
        Duration every();

        int batchSize();
    }

    /** How a checkout step that failed on a transient database or Redis error is run again. */
    interface TransientRetry {
        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("1s")
        Duration maxBackoff();

        /** Past this the request answers 503 with Retry-After and its key stays resumable. */
        @WithDefault("8s")
        Duration budget();
    }

    /** The job that finishes checkout runs stranded after their order was written. */
    interface Recovery {
        @WithDefault("10s")
        Duration every();

        @WithDefault("50")
        int batchSize();
    }
}
