package io.orderflow.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
