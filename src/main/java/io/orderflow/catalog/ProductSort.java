package io.orderflow.catalog;

import io.orderflow.platform.Cursor;

import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * The catalog's sort orders. Each ends on the id so the order is total, and a cursor holds the
 * sort's name, the last row's sort value and its id.
 */
enum ProductSort {

    RELEVANCE(ProductQueries.RELEVANCE, listed -> listed.rank(), Float::valueOf),
    NEWEST(ProductQueries.NEWEST, listed -> listed.product().createdAt(), OffsetDateTime::parse),
    PRICE_ASC(ProductQueries.PRICE_ASC, listed -> listed.product().priceCents(), Long::valueOf),
    PRICE_DESC(ProductQueries.PRICE_DESC, listed -> listed.product().priceCents(), Long::valueOf);

    final String sql;
    private final Function<ProductQueries.Listed, Object> valueOf;
    private final Function<String, Object> parse;

    ProductSort(String sql, Function<ProductQueries.Listed, Object> valueOf, Function<String, Object> parse) {
        this.sql = sql;
        this.valueOf = valueOf;
        this.parse = parse;
    }

    static ProductSort named(String name) {
        return valueOf(name.toUpperCase());
    }

    String cursorAfter(ProductQueries.Listed last) {
        return Cursor.Keyset.cursor(name(), valueOf.apply(last), last.product().id());
    }

    Cursor.Keyset after(String cursor) {
        return Cursor.Keyset.of(cursor, name(), parse);
    }
}
