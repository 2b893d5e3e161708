package io.orderflow.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Redis calls that fail open for one use: when Redis does not answer, the caller goes on with a
 * fallback instead of failing the request. Each fallback is counted in
 * {@code orderflow_redis_fail_open_total{use}}; the log says it once when an outage starts and
 * once when Redis answers again, so an outage does not flood it.
 */
public final class RedisFailOpen {

    private static final Logger LOG = Logger.getLogger(RedisFailOpen.class);

    private final String use;
    private final String whileDown;
    private final Counter failedOpen;
    private final AtomicBoolean down = new AtomicBoolean();

    /** {@code whileDown} says what happens without Redis, e.g. "rate limits are not enforced". */
    public RedisFailOpen(MeterRegistry metrics, String use, String whileDown) {
        this.use = use;
        this.whileDown = whileDown;
        this.failedOpen = metrics.counter("orderflow.redis.fail.open", "use", use);
    }

    /** The call's answer, or {@code fallback} when Redis fails. */
    public <T> Uni<T> call(Uni<T> redisCall, T fallback) {
        return redisCall
                .invoke(this::answered)
                .onFailure().recoverWithItem(failure -> {
                    failed(failure);
                    return fallback;
                });
    }

    /** A write that may be lost without harm (it expires or is rebuilt). */
    public Uni<Void> run(Uni<?> redisCall) {
        return call(redisCall.replaceWithVoid(), null);
    }

    private void answered() {
        if (down.compareAndSet(true, false)) {
            LOG.infof("Redis answers again: %s is back in use", use);
        }
    }

    private void failed(Throwable failure) {
        failedOpen.increment();
        if (down.compareAndSet(false, true)) {
            LOG.warnf("Redis did not answer, %s until it is back (logged once per outage): %s", whileDown, failure.toString());
        }
    }
}
