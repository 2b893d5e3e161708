package io.orderflow.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Conversation's settings, under {@code orderflow.conversation}. */
@ConfigMapping(prefix = "orderflow.conversation")
public interface ConversationConfig {

    /** How long after posting its author may edit a message: 15 min, long enough to fix a typo, too short to rewrite history. */
    @WithDefault("15M")
    @DurationMin(seconds = 0)
    Duration editWindow();

    /** Messages one user may post in any {@link #postWindow()}, over all rooms: 30 per 10 s, faster than anyone types. */
    @WithDefault("30")
    @Positive
    int postsPerUser();

    /** Messages one room takes in any {@link #postWindow()}, from all its members: 100 per 10 s keeps a room readable. */
    @WithDefault("100")
    @Positive
    int postsPerRoom();

    /** The sliding window of both post limits. */
    @WithDefault("10S")
    @DurationMin(seconds = 1)
    Duration postWindow();

    /**
     * How often an open stream sends a comment line when nothing else was sent: 15 s, under the 30-60 s idle timeouts
     * of common proxies and load balancers. It also renews the caller's presence.
     */
    @WithDefault("15S")
    @DurationMin(seconds = 1)
    Duration heartbeat();

    /** How long a member counts as online after their stream last renewed it: 45 s, three heartbeats. */
    @WithDefault("45S")
    @DurationMin(seconds = 2)
    Duration presenceTtl();

    /** How long a member counts as typing after their last typing signal: 6 s; apps send one every few seconds while typing. */
    @WithDefault("6S")
    @DurationMin(seconds = 1)
    Duration typingTtl();

    /** Messages read per query when a stream replays what a client missed. */
    @WithDefault("500")
    @Positive
    @Max(10_000)
    int replayBatch();
}
