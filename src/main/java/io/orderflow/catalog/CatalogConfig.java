package io.orderflow.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Catalog's settings, under {@code orderflow.catalog}. */
@ConfigMapping(prefix = "orderflow.catalog")
public interface CatalogConfig {

    /**
     * How long a product stays in the Redis read cache ({@link ProductCache}). 10 min: product
     * writes evict their entry after they commit, so the TTL only bounds what a lost eviction can
     * leave stale. Whole seconds (Redis {@code EX}).
     */
    @WithDefault("10M")
    @DurationMin(seconds = 1)
    Duration cacheTtl();

    /** The in-process cache of rendered public product pages ({@link ProductNearCache}). */
    NearCache nearCache();

    interface NearCache {

        /**
         * How many product pages one instance holds. 10,000: a page is about 1 KiB, so about 10 MiB at most, and
         * the refresher revalidates all of them with two indexed queries twice per {@link #maxAge()}.
         */
        @WithDefault("10000")
        @Min(1)
        @Max(1_000_000)
        int size();

        /**
         * The most a page may lag PostgreSQL when it is served: its product and its availability were checked
         * against the database at most this long ago, whether or not the change message of a write arrived.
         * 1 s, the catalog's promise for availability (checkout stays the authority on stock).
         */
        @WithDefault("1S")
        @DurationMin(millis = 100)
        Duration maxAge();

        /**
         * How many listed products the cached first pages of public listings and searches hold in all, on one
         * instance ({@link FirstPageCache}), each page for at most {@link #maxAge()}. Counted in products, not
         * pages, since a caller chooses the page size (up to 100) and the search text: 20,000 products of about
         * 1 KiB bound it near 20 MiB whatever is asked, and hold a thousand first pages of the default 20.
         */
        @WithDefault("20000")
        @Min(100)
        @Max(1_000_000)
        int firstPageProducts();
    }
}
