package io.orderflow.platform;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Redis pub/sub subscription kept alive: whenever it ends (Redis restarted or unreachable) it is made again a second
 * later, until {@link #stop()}. What was published while it was down is lost; each user says what that costs it.
 */
public final class RedisSubscription {

    private static final Logger LOG = Logger.getLogger(RedisSubscription.class);
    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final String name;
    private final Supplier<Multi<String>> subscribe;
    private final Consumer<String> received;
    private final Runnable resubscribed;
    private final Vertx vertx;
    private volatile Cancellable subscription;
    private volatile boolean stopping;

    /**
     * {@code subscribe} makes the subscription; {@code resubscribed} runs each time it is made again after one ended,
     * for a user that can recover what it missed.
     */
    public RedisSubscription(String name, Supplier<Multi<String>> subscribe, Consumer<String> received, Runnable resubscribed,
                             Vertx vertx) {
        this.name = name;
        this.subscribe = subscribe;
        this.received = received;
        this.resubscribed = resubscribed;
        this.vertx = vertx;
    }

    /** A subscription whose user recovers what it missed some other way. */
    public RedisSubscription(String name, Supplier<Multi<String>> subscribe, Consumer<String> received, Vertx vertx) {
        this(name, subscribe, received, () -> {
        }, vertx);
    }

    public void start() {
        if (stopping) {
            return;
        }
        subscription = subscribe.get().subscribe().with(received, failure -> again("failed: " + failure), () -> again("ended"));
    }

    public void stop() {
        stopping = true;
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private void again(String why) {
        LOG.debugf("Subscription to %s %s; subscribing again in %d ms", name, why, RESUBSCRIBE_MILLIS);
        if (!stopping) {
            vertx.setTimer(RESUBSCRIBE_MILLIS, timer -> {
                start();
                resubscribed.run();
            });
        }
    }
}
