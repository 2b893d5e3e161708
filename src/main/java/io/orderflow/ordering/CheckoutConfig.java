package io.orderflow.ordering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Ordering's settings: the checkout and its jobs, under {@code orderflow.checkout}. */
@ConfigMapping(prefix = "orderflow.checkout")
public interface CheckoutConfig {

    /**
     * How long a PENDING order holds its stock before the expiry job gives it up. 15 min: time to
     * pay, or to pay again after a decline; not so long that abandoned orders sit on scarce stock.
     * ORDERFLOW_RESERVATION_TTL sets it.
     */
    @WithDefault("${ORDERFLOW_RESERVATION_TTL:15M}")
    @DurationMin(millis = 1)
    Duration reservationTtl();

    /** Shipping of an order, one flat amount in minor units. 0 (none) until a deployment sets ORDERFLOW_SHIPPING_FLAT_CENTS. */
    @WithDefault("${ORDERFLOW_SHIPPING_FLAT_CENTS:0}")
    @PositiveOrZero
    long shippingFlatCents();

    /** Tax, a rate of the subtotal in basis points. 0 (none) until a deployment sets ORDERFLOW_TAX_BASIS_POINTS. */
    @WithDefault("${ORDERFLOW_TAX_BASIS_POINTS:0}")
    @PositiveOrZero
    int taxBasisPoints();

    /** What one customer's pending orders may hold at once ({@link HoldLimits}). */
    @WithName("hold-limit") // the same key without it; named so validation messages show the key
    HoldLimit holdLimit();

    Idempotency idempotency();

    Expiry expiry();

    @WithName("transient-retry") // the same key without it; named so validation messages show the key
    TransientRetry transientRetry();

    Recovery recovery();

    /**
     * Caps per customer on pending orders, checked in the reserve step: a declined card keeps an order's
     * stock for the reservation TTL, so without them one customer could hold a sale's stock with
     * order after order. Over a cap answers 409 (too-many-pending-orders or hold-limit).
     */
    interface HoldLimit {
        /** Pending orders at once. 5: a few tries with different carts; paying, cancelling or expiry frees one. */
        @WithDefault("5")
        @Positive
        int pendingOrders();

        /** Units in all pending orders together. 1000: a large order fits; hoarding a warehouse does not. */
        @WithDefault("1000")
        @Positive
        int units();

        /** Units of one product in all pending orders together. 200: two full lines of it (100 each). */
        @WithDefault("200")
        @Positive
        int unitsPerProduct();
    }

    /** The {@code Idempotency-Key} claims. */
    interface Idempotency {
        /**
         * How long a run in flight holds its key; a crashed instance's lock runs out after this and
         * the stranded-checkout job finishes its run. 30 s: above a charge's gateway timeout and
         * retries at their defaults (about 21 s).
         */
        @WithDefault("30S")
        @DurationMin(millis = 1)
        Duration lock();

        /** How long an answer stays replayable. 24 h: far beyond any client's retries of one request. */
        @WithDefault("24H")
        @DurationMin(millis = 1)
        Duration retention();

        /** How often keys past their retention are deleted (its {@code @Scheduled} reads this key). 1 h: they only take space. */
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration purgeEvery();

        /** Keys deleted per statement; a run repeats full batches. 1000: each DELETE stays short. */
        @WithDefault("1000")
        @Positive
        int purgeBatchSize();
    }

    /** The job that cancels PENDING orders whose reservation expired ({@link ReservationExpiryJob}). */
    interface Expiry {
        /** How often it runs (its {@code @Scheduled} reads this key). 30 s: stock comes back soon after the TTL. */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration every();

        /** Orders taken per run. 100 every 30 s: 200 a minute per instance; more wait for the next run. */
        @WithDefault("100")
        @Positive
        int batchSize();
    }

    /** How a checkout step that failed on a transient database or Redis error is run again. */
    interface TransientRetry {
        /** The first backoff; later ones grow exponentially. 100 ms: a blip costs the client little. */
        @WithDefault("100ms")
        @DurationMin(millis = 1)
        Duration initialBackoff();

        /** The longest backoff. 1 s: a service coming back within the budget is noticed within a second. */
        @WithDefault("1s")
        @DurationMin(millis = 1)
        Duration maxBackoff();

        /**
         * Past this the request answers 503 with Retry-After and its key stays resumable. 8 s: a
         * PostgreSQL or Redis restart shorter than that ends in the request's real answer.
         */
        @WithDefault("8s")
        @DurationMin(millis = 1)
        Duration budget();
    }

    /** The job that finishes checkout runs stranded after their order was written ({@link StrandedCheckouts}). */
    interface Recovery {
        /** How often it runs (its {@code @Scheduled} reads this key). 10 s: a stranded run finishes soon after its lock runs out. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration every();

        /** Stranded runs finished per job run. 50 every 10 s: 300 a minute per instance. */
        @WithDefault("50")
        @Positive
        int batchSize();
    }
}
