package io.orderflow.learning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Learning's settings, under {@code orderflow.learning}. */
@ConfigMapping(prefix = "orderflow.learning")
public interface LearningConfig {

    /**
     * How long after enrolling a customer may cancel a paid course order for a refund (until the course is
     * completed): 14 days, the usual distance-selling withdrawal period. Admins and managers may cancel later.
     */
    @WithDefault("14D")
    @DurationMin(seconds = 0)
    Duration courseRefundWindow();

    /** The job that refunds the bookings of cancelled events. */
    EventCancellation eventCancellation();

    /** Settings of the event-cancellation job ({@code orderflow.learning.event-cancellation}). */
    interface EventCancellation {

        /** How often it runs (its {@code @Scheduled} reads this key). 5 s: refunds start soon after staff cancel an event. */
        @WithDefault("5s")
        Duration every();

        /** Orders withdrawn per run; each is its own transaction and refund. */
        @WithDefault("50")
        @Positive
        int batchSize();
    }

    /** Waitlist offers. */
    Waitlist waitlist();

    /** Settings of waitlist offers ({@code orderflow.learning.waitlist}). */
    interface Waitlist {

        /**
         * How long an offered seat is held for its customer before it passes to the next in line: 15 min, the time a
         * checkout's own reservation holds stock, enough to open the app and pay.
         */
        @WithDefault("15M")
        @DurationMin(seconds = 1)
        Duration offerTtl();

        /** How often freed seats are offered and expired offers passed on (its {@code @Scheduled} reads this key). 2 s. */
        @WithDefault("2s")
        Duration every();

        /** Expired offers, and events with freed seats, handled per run. */
        @WithDefault("50")
        @Positive
        int batchSize();
    }
}
