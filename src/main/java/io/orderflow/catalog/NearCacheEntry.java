package io.orderflow.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/**
 * One public product page in the near cache: what it was rendered from (to tell whether it is
 * still current) and the rendered bytes. {@code checkedAt} ({@link System#nanoTime()}) is when the
 * database last agreed with it, taken before the queries that checked it, so the age it gives is
 * never less than the real one.
 */
final class NearCacheEntry {

    final Product product;
    final Availability availability;
    final RenderedProduct rendered;
    private volatile long checkedAt;

    private NearCacheEntry(Product product, Availability availability, RenderedProduct rendered, long checkedAt) {
        this.product = product;
        this.availability = availability;
        this.rendered = rendered;
        this.checkedAt = checkedAt;
    }

    static NearCacheEntry render(ObjectMapper json, Product product, Availability availability, long checkedAt) {
        return new NearCacheEntry(product, availability, RenderedProduct.of(json, ProductView.of(product, availability, false)),
                checkedAt);
    }

    boolean freshAt(long now, long maxAgeNanos) {
        return now - checkedAt <= maxAgeNanos;
    }

    boolean sameVersion(Instant version) {
        return version != null && version.equals(product.updatedAt().toInstant());
    }

    /** The database agreed with this page at {@code at}; a slower, older check never moves it back. */
    void checked(long at) {
        if (at - checkedAt > 0) {
            checkedAt = at;
        }
    }
}
