package io.orderflow.catalog;

/** What a catalog listing asks for; null filters do not filter. */
record ProductSearch(String query, String category, String kind, Long minPriceCents, Long maxPriceCents,
                     boolean includeInactive, ProductSort sort) {
}
