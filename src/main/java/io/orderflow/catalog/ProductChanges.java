package io.orderflow.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.ReadReplica;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.orderflow.platform.RedisSubscription;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Tells every instance that a product changed, over Redis pub/sub, so each drops its near-cache page
 * ({@link ProductNearCache}) and its cached first pages of listings ({@link FirstPageCache}) at once. Best effort by design: a message lost while Redis is down or the
 * subscription is being re-made only delays the eviction to the near cache's next revalidation
 * (at most {@code orderflow.catalog.near-cache.max-age}).
 */
@ApplicationScoped
public class ProductChanges {

    static final String CHANNEL = RedisKeys.channel("catalog", "product-changed");
    private static final Logger LOG = Logger.getLogger(ProductChanges.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final ProductNearCache pages;
    private final FirstPageCache firstPages;
    private final RedisFailOpen failOpen;
    private final RedisSubscription subscription;
    private final ReadReplica replica;

    ProductChanges(ReactiveRedisDataSource redis, ProductNearCache pages, FirstPageCache firstPages, Vertx vertx,
                   MeterRegistry metrics, ReadReplica replica) {
        this.pubsub = redis.pubsub(String.class);
        this.replica = replica;
        this.pages = pages;
        this.firstPages = firstPages;
        // Changes published while the subscription was down are lost: the first pages go at once, product pages
        // revalidate within their max-age.
        this.subscription = new RedisSubscription(CHANNEL, () -> pubsub.subscribe(CHANNEL), this::received, this::changesMissed, vertx);
        this.failOpen = new RedisFailOpen(metrics, "product-changes",
                "other instances see product changes only when their near cache revalidates");
    }

    /** Evicts the product's page and the first pages here, then tells the other instances; call after the write committed. */
    public Uni<Void> changed(UUID id) {
        evict(id);
        return failOpen.run(pubsub.publish(CHANNEL, id.toString()));
    }

    void subscribe(@Observes StartupEvent start) {
        subscription.start();
    }

    void unsubscribe(@Observes ShutdownDelayInitiatedEvent stop) {
        subscription.stop();
    }

    /** The first pages go, and their next reads go to the primary until a replica has the change too. */
    private void evict(UUID id) {
        pages.evict(id);
        replica.afterWrite();
        firstPages.evictAll();
    }

    private void changesMissed() {
        replica.afterWrite();
        firstPages.evictAll();
    }

    private void received(String message) {
        try {
            evict(UUID.fromString(message));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignored a message on %s that is not a product id: %s", CHANNEL, message);
        }
    }
}
