package io.orderflow.catalog;

import io.orderflow.platform.Cursor;

import java.time.OffsetDateTime;
import java.util.UUID;
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

    /** The position after which a page starts: a sort value and an id, both null for the first page. */
    record After(Object value, UUID id) {
        static final After START = new After(null, null);
    }

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
        return Cursor.encode(name(), valueOf.apply(last), last.product().id());
    }

    After after(String cursor) {
        if (cursor == null) {
            return After.START;
        }
        return Cursor.decode(cursor, 3, values -> {
            if (!values.get(0).equals(name())) {
                throw Cursor.invalid("The cursor belongs to another sort order");
            }
            return new After(parse.apply(values.get(1)), UUID.fromString(values.get(2)));
        });
    }
}
