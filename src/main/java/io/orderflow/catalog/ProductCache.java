package io.orderflow.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The Redis read cache of live products, in front of PostgreSQL. It holds the product only:
 * availability changes with every sale and is always read fresh from inventory, so no stock
 * movement has to know about this cache. Product writes evict the entry after they commit.
 * When Redis fails, reads go to PostgreSQL (platform.RedisFailOpen: counted, logged once per outage).
 */
@ApplicationScoped
public class ProductCache {

    private final Pool db;
    private final ProductQueries products;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;
    private final long ttlSeconds;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final RedisFailOpen failOpen;

    ProductCache(Pool db, ProductQueries products, ReactiveRedisDataSource redis, ObjectMapper json, MeterRegistry metrics,
                 CatalogConfig config) {
        this.db = db;
        this.products = products;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.json = json;
        this.ttlSeconds = config.cacheTtl().toSeconds();
        this.hits = requests(metrics, "hit");
        this.misses = requests(metrics, "miss");
        this.errors = requests(metrics, "error");
        this.failOpen = new RedisFailOpen(metrics, "product-cache", "product reads go to PostgreSQL");
    }

    /** The live product, or null when there is none. */
    public Uni<Product> byId(UUID id) {
        return cached(productKey(id)).chain(hit -> hit != null
                ? Uni.createFrom().item(parse(hit))
                : products.findLive(db, id).call(this::store));
    }

    /** The live product with this slug, or null. A slug never changes owner, so its key needs no eviction. */
    public Uni<Product> bySlug(String slug) {
        return cached(slugKey(slug)).chain(id -> id != null
                ? byId(UUID.fromString(id))
                : products.findLiveBySlug(db, slug).call(this::store));
    }

    /** Drops the cached product after a write; a failure is logged and leaves the entry to expire. */
    public Uni<Void> evict(UUID id) {
        return failOpen.run(keys.del(productKey(id)));
    }

    private Uni<String> cached(String key) {
        return failOpen.call(values.get(key)
                        .invoke(value -> (value != null ? hits : misses).increment())
                        .onFailure().invoke(() -> errors.increment()), null);
    }

    private Uni<Void> store(Product product) {
        if (product == null) {
            return Uni.createFrom().voidItem();
        }
        return failOpen.run(values.setex(productKey(product.id()), ttlSeconds, serialize(product))
                .chain(() -> values.setex(slugKey(product.slug()), ttlSeconds, product.id().toString())));
    }

    private String serialize(Product product) {
        try {
            return json.writeValueAsString(product);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A product cannot be serialized", e);
        }
    }

    private Product parse(String cached) {
        try {
            return json.readValue(cached, Product.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cached product cannot be read", e);
        }
    }

    static String productKey(UUID id) {
        return RedisKeys.key("catalog", "product", id);
    }

    static String slugKey(String slug) {
        return RedisKeys.key("catalog", "product-slug", slug);
    }

    private static Counter requests(MeterRegistry metrics, String result) {
        return Counter.builder("orderflow.cache.requests")
                .description("Read-cache lookups by result")
                .tag("result", result)
                .register(metrics);
    }
}
