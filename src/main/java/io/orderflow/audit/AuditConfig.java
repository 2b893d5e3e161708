package io.orderflow.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Audit's settings, under {@code orderflow.audit}. */
@ConfigMapping(prefix = "orderflow.audit")
public interface AuditConfig {

    /** The job that creates audit_logs' monthly partitions ahead of time ({@link AuditPartitions}). */
    Partitions partitions();

    interface Partitions {
        /**
         * Months created after the current one. 3: runs that keep giving up (a lock never granted)
         * still leave months of slack before rows would fall into the default partition.
         */
        @WithDefault("3")
        @Min(1)
        @Max(24)
        int monthsAhead();

        /**
         * How long one CREATE waits for its lock on audit_logs before the run gives up until the next
         * one. 2 s: while it waits every audit insert, and with it checkout, queues behind it, so the
         * wait must stay short; a backup holding the table makes the job retry later instead.
         */
        @WithDefault("2S")
        @DurationMin(millis = 1)
        Duration lockTimeout();

        /**
         * How often the job runs (its {@code @Scheduled} reads this key). 1 h: a run that gave up is
         * retried soon, and a run that finds every month there costs one lookup per month.
         */
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration every();
    }
}
