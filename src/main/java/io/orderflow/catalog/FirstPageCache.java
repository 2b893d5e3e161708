package io.orderflow.catalog;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The first pages of the public listings and searches customers ask for most, kept in each instance for
 * at most {@code orderflow.catalog.near-cache.max-age} (1 s) after they were read from PostgreSQL, so a
 * listing is as fresh as a product page (availability included) even when no change message arrives.
 * Any product change ({@link ProductChanges}, here or from another instance) drops them all: a write is
 * in every listing it could move, and first pages are few. Staff listings and later pages (a cursor)
 * always go to PostgreSQL.
 */
@ApplicationScoped
public class FirstPageCache {

    /** One first page: what was searched and how many were asked for. */
    record Key(ProductSearch search, int limit) {
    }

    private final AsyncCache<Key, Page<ProductView>> pages;
    private final Counter hits;
    private final Counter misses;

    FirstPageCache(CatalogConfig config, MeterRegistry metrics) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(config.nearCache().firstPageProducts())
                .weigher((Key key, Page<ProductView> page) -> page.items().size() + 1)
                .expireAfterWrite(config.nearCache().maxAge())
                .executor(Runnable::run)
                .buildAsync();
        this.hits = requests(metrics, "hit");
        this.misses = requests(metrics, "miss");
    }

    /** The cached first page, or the one {@code load} reads; concurrent misses share one load. */
    Uni<Page<ProductView>> get(Key key, Supplier<Uni<Page<ProductView>>> load) {
        (pages.getIfPresent(key) != null ? hits : misses).increment();
        // A copy per reader: a reader that goes away cancels its copy, not the load others wait on.
        return Uni.createFrom().completionStage(() -> pages.get(key, (ignored, executor) -> load.get().subscribeAsCompletionStage()).copy());
    }

    /** Drops every first page; the next read of each goes to PostgreSQL. */
    void evictAll() {
        pages.synchronous().invalidateAll();
    }

    private static Counter requests(MeterRegistry metrics, String result) {
        return Counter.builder("orderflow.first.page.cache.requests")
                .description("First pages of public listings and searches served from memory (hit) or read (miss)")
                .tag("result", result)
                .register(metrics);
    }
}
