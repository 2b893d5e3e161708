package io.orderflow.platform;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Mapping a query's rows, one way everywhere: no row is an empty Optional, or a 404 where the caller asked for one thing. */
public final class Rows {

    private Rows() {
    }

    /** The first row, mapped; empty when there is none. */
    public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
        var found = rows.iterator();
        return found.hasNext() ? Optional.of(mapper.apply(found.next())) : Optional.empty();
    }

    /** The one row, mapped; no row is a 404 for {@code what}. */
    public static <T> T single(RowSet<Row> rows, String what, Function<Row, T> mapper) {
        return first(rows, mapper).orElseThrow(() -> new NotFoundException(what));
    }

    public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        rows.forEach(row -> mapped.add(mapper.apply(row)));
        return mapped;
    }
}
