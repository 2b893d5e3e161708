package io.orderflow.learning;

import io.orderflow.platform.Cursor;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * The course listing's sort orders. Each ends on the product id so the order is total; a cursor holds the sort's name,
 * the last row's sort value and its id, and the keyset condition compares the pair.
 */
enum CourseSort {

    NEWEST("c.created_at", "timestamptz", "'infinity'", true, CourseView::createdAt, OffsetDateTime::parse),
    PRICE_ASC("p.price_cents", "bigint", "0", false, CourseView::priceCents, Long::valueOf),
    PRICE_DESC("p.price_cents", "bigint", "9223372036854775807", true, CourseView::priceCents, Long::valueOf),
    RATING("c.rating", "numeric", "'Infinity'", true, CourseView::rating, BigDecimal::new);

    final String sql;
    private final Function<CourseView, Object> valueOf;
    private final Function<String, Object> parse;

    /** {@code first}: a value before every row in this order, for the first page (no cursor). */
    CourseSort(String column, String type, String first, boolean descending, Function<CourseView, Object> valueOf,
               Function<String, Object> parse) {
        String direction = descending ? "DESC" : "ASC";
        String firstId = descending ? "'ffffffff-ffff-ffff-ffff-ffffffffffff'" : "'00000000-0000-0000-0000-000000000000'";
        this.sql = LearningQueries.COURSES
                + "  AND (" + column + ", c.product_id) " + (descending ? "<" : ">")
                + " (coalesce($7::" + type + ", " + first + "::" + type + "), coalesce($8, " + firstId + "::uuid))\n"
                + "ORDER BY " + column + " " + direction + ", c.product_id " + direction + "\n"
                + "LIMIT $9";
        this.valueOf = valueOf;
        this.parse = parse;
    }

    static CourseSort named(String name) {
        return valueOf(name.toUpperCase());
    }

    String cursorAfter(CourseView last) {
        return Cursor.Keyset.cursor(name(), valueOf.apply(last), last.productId());
    }

    Cursor.Keyset after(String cursor) {
        return Cursor.Keyset.of(cursor, name(), parse);
    }
}
