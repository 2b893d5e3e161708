package io.orderflow.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * Platform's settings, under {@code orderflow.jobs}: the timeouts of {@link ScheduledWork}, the
 * runner of every scheduled job. Keep {@code item-timeout} below {@code stop-wait}, so the item
 * running when a stop begins can finish.
 */
@ConfigMapping(prefix = "orderflow.jobs")
public interface PlatformConfig {

    /**
     * How long one item of a batch may take before it is given up and the next one starts. 8 s:
     * room for one unanswered gateway call (5 s) and the item's statements, and below stop-wait.
     */
    @WithDefault("8S")
    @DurationMin(millis = 1)
    Duration itemTimeout();

    /**
     * How long one run may take before it is given up, so the next run can start (a job runs with
     * SKIP, so a run that never ends would skip every later one). 2 min: a whole batch of items.
     */
    @WithDefault("2M")
    @DurationMin(millis = 1)
    Duration runTimeout();

    /**
     * How long a stopping instance waits for the runs in progress before it closes its pools. 10 s:
     * above item-timeout, and with {@code quarkus.shutdown.timeout} (20 s) within a 30 s grace period.
     */
    @WithDefault("10S")
    @DurationMin(millis = 1)
    Duration stopWait();

    /**
     * How long an item that failed or hung sits out the runs of its job on this instance, for the jobs
     * that read their batch afresh each run (no lease in the row). 1 min: the same failing items, first
     * in the batch's order, then can't fill run after run and hold up the items behind them, and an item
     * that failed on a blip is tried again soon.
     */
    @WithDefault("1M")
    @DurationMin(millis = 1)
    Duration failedItemPause();
}
