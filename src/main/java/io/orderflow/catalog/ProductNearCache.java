package io.orderflow.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The near cache: each instance keeps the rendered public page (JSON bytes and ETag) of the products
 * customers read, so a repeated read touches neither Redis nor PostgreSQL nor Jackson. Staff views
 * are never kept here.
 * <p>
 * Freshness does not depend on messages arriving. A page is served only while the database agreed
 * with it less than {@code max-age} ago (1 s); past that the read reloads it. To keep read pages from
 * reaching that age, a refresher revalidates every page twice per max-age with two queries over all of
 * them (the products' versions, their availability), re-rendering those whose availability moved and
 * dropping those whose product changed. A product write evicts the page on the writing instance before
 * it answers and tells the others at once through {@link ProductChanges}; if that message is lost
 * (Redis down, a subscription dropped), the page is gone at the next refresh, at most max-age later.
 * <p>
 * Caffeine directly rather than quarkus-cache: loads are shared by concurrent misses and an eviction
 * drops a load still in flight (so a page read before a write can't be stored after its eviction), and
 * the refresher walks and conditionally replaces entries, none of which the annotation API offers.
 */
@ApplicationScoped
public class ProductNearCache {

    private static final Logger LOG = Logger.getLogger(ProductNearCache.class);

    /** A page nobody read for this long leaves, so the refresher only works for pages in use. */
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Pool db;
    private final ProductQueries products;
    private final ProductCache cache;
    private final ProductStock inventory;
    private final ObjectMapper json;
    private final ScheduledWork work;
    private final Vertx vertx;
    private final long maxAgeNanos;
    private final AsyncCache<UUID, NearCacheEntry> pages;
    private final Counter hits;
    private final Counter misses;
    private volatile long timer = -1;
    private volatile boolean refreshing;

    ProductNearCache(Pool db, ProductQueries products, ProductCache cache, ProductStock inventory, ObjectMapper json,
                 ScheduledWork work, Vertx vertx, MeterRegistry metrics, CatalogConfig config) {
        this.db = db;
        this.products = products;
        this.cache = cache;
        this.inventory = inventory;
        this.json = json;
        this.work = work;
        this.vertx = vertx;
        this.maxAgeNanos = config.nearCache().maxAge().toNanos();
        this.pages = Caffeine.newBuilder()
                .maximumSize(config.nearCache().size())
                .expireAfterAccess(IDLE)
                .executor(Runnable::run)
                .buildAsync();
        this.hits = requests(metrics, "hit");
        this.misses = requests(metrics, "miss");
    }

    /** The public page of a product customers may see; fails with 404 otherwise. */
    public Uni<RenderedProduct> page(UUID id) {
        CompletableFuture<NearCacheEntry> cached = pages.getIfPresent(id);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            NearCacheEntry page = cached.join();
            if (page.freshAt(System.nanoTime(), maxAgeNanos)) {
                hits.increment();
                return Uni.createFrom().item(page.rendered);
            }
            pages.asMap().remove(id, cached);
        }
        misses.increment();
        // A copy: a reader that goes away (its connection closed) cancels its copy, not the load other readers share.
        return Uni.createFrom().completionStage(() -> pages.get(id, (key, executor) -> load(key).subscribeAsCompletionStage()).copy())
                .map(page -> page.rendered);
    }

    /** Drops this instance's page of the product; the next read renders it again. */
    public void evict(UUID id) {
        pages.synchronous().invalidate(id);
    }

    private Uni<NearCacheEntry> load(UUID id) {
        long started = System.nanoTime();
        return cache.byId(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("Product " + id))
                .invoke(product -> {
                    if (!product.active()) {
                        throw new NotFoundException("Product " + id);
                    }
                })
                .chain(product -> availability(List.of(product)).map(stock -> page(product, stock, started)));
    }

    private NearCacheEntry page(Product product, Map<UUID, Availability> stock, long checkedAt) {
        return NearCacheEntry.render(json, product, Availability.shown(product, stock), checkedAt);
    }

    void startRefresher(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(Math.max(1, maxAgeNanos / 2_000_000), tick -> refreshInBackground());
    }

    void stopRefresher(@Observes ShutdownDelayInitiatedEvent stop) {
        vertx.cancelTimer(timer);
    }

    private void refreshInBackground() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        work.run("near-cache-refresh", this::refresh)
                .onTermination().invoke(() -> refreshing = false)
                .subscribe().with(done -> { }, failure -> LOG.debugf("Near-cache refresh failed, pages age out: %s", failure));
    }

    /** Revalidates every page against the database; a failed run leaves the pages to age out. */
    Uni<Void> refresh() {
        long started = System.nanoTime();
        Map<UUID, NearCacheEntry> current = new HashMap<>();
        pages.asMap().forEach((id, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                current.put(id, future.join());
            }
        });
        if (current.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Product> shown = current.values().stream().map(page -> page.product).toList();
        return Uni.combine().all()
                .unis(products.publicVersions(db, current.keySet()), availability(shown)).asTuple()
                .chain(found -> {
                    List<UUID> changed = current.entrySet().stream()
                            .filter(entry -> !revalidate(entry.getKey(), entry.getValue(), found.getItem1(), found.getItem2(), started))
                            .map(Map.Entry::getKey)
                            .toList();
                    return evictEverywhereHere(changed);
                });
    }

    /** Keeps, re-renders or drops one page; false when its product changed. */
    private boolean revalidate(UUID id, NearCacheEntry page, Map<UUID, Instant> versions, Map<UUID, Availability> stock, long started) {
        if (!page.sameVersion(versions.get(id))) {
            return false;
        }
        Availability now = Availability.shown(page.product, stock);
        if (now.equals(page.availability)) {
            page.checked(started);
        } else {
            CompletableFuture<NearCacheEntry> old = pages.getIfPresent(id);
            if (old != null && old.isDone() && old.getNow(null) == page) {
                pages.asMap().replace(id, old, CompletableFuture.completedFuture(NearCacheEntry.render(json, page.product, now, started)));
            }
        }
        return true;
    }

    /**
     * A page whose product changed behind it means its change message never came: the Redis entry
     * may be as old, so it goes too, or the reload would bring the old product back.
     */
    private Uni<Void> evictEverywhereHere(List<UUID> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        changed.forEach(this::evict);
        return Uni.join().all(changed.stream().map(cache::evict).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Map<UUID, Availability>> availability(List<Product> shown) {
        List<UUID> tracked = shown.stream().filter(Product::trackInventory).map(Product::id).toList();
        return tracked.isEmpty() ? Uni.createFrom().item(Map.of()) : inventory.availability(tracked);
    }

    private static Counter requests(MeterRegistry metrics, String result) {
        return Counter.builder("orderflow.near.cache.requests")
                .description("Near-cache (in-process) lookups of public product pages by result")
                .tag("result", result)
                .register(metrics);
    }
}
