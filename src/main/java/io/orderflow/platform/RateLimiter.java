package io.orderflow.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Sliding-window rate limits kept in Redis: a limit allows {@code permits} hits per subject
 * in any {@code window}. Limits fail open: when Redis cannot answer, the hit is allowed,
 * logged and counted in {@code orderflow_redis_fail_open_total{use="rate-limit"}}, because
 * refusing every login while Redis is down hurts more than an unthrottled minute.
 */
@ApplicationScoped
public class RateLimiter {

    /** At most {@code permits} hits per subject in any {@code window}; {@code name} keys the counters. */
    public record Limit(String name, int permits, Duration window) {
    }

    /** The script's answer for a hit that is allowed; also what a hit gets while Redis is down. */
    private static final long ALLOWED = -1L;

    /*
     * One sorted set per subject holds the times of its hits in the window, so the check and
     * the hit are one atomic step and the window slides instead of resetting at a boundary.
     * Answers -1 when the hit is allowed, otherwise the microseconds until the oldest hit leaves.
     * KEYS[1] counters, ARGV: window in microseconds, permits, a unique member id.
     */
    static final String SLIDING_WINDOW = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local window = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
              return -1
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return tonumber(oldest[2]) + window - now""";

    private final ReactiveRedisDataSource redis;
    private final MeterRegistry metrics;
    private final RedisFailOpen failOpen;

    RateLimiter(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
        this.failOpen = new RedisFailOpen(metrics, "rate-limit", "rate limits are not enforced");
    }

    /**
     * Counts one hit of {@code subject} against {@code limit}; fails with
     * {@link TooManyRequestsException} (Retry-After included) when the window is full.
     */
    public Uni<Void> acquire(Limit limit, String subject) {
        String key = RedisKeys.key("ratelimit", limit.name(), subject);
        long windowMicros = limit.window().toNanos() / 1_000;
        Uni<Long> wait = redis.execute("EVAL", SLIDING_WINDOW, "1", key,
                        Long.toString(windowMicros), Integer.toString(limit.permits()), UUID.randomUUID().toString())
                .map(waitMicros -> waitMicros.toLong());
        return failOpen.call(wait, ALLOWED)
                .invoke(waitMicros -> {
                    if (waitMicros >= 0) {
                        metrics.counter("orderflow.rate.limit.hits", "limit", limit.name()).increment();
                        throw new TooManyRequestsException(Math.max(1, (waitMicros + 999_999) / 1_000_000));
                    }
                })
                .replaceWithVoid();
    }
}
