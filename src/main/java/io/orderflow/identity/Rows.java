package io.orderflow.identity;

import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Small helpers the identity data access shares. */
final class Rows {

    // Serialises one user's writes to addresses and payment methods, so two requests can't both set a default.
    static final String LOCK_USER = """
            SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE""";

    private Rows() {
    }

    /** Where a (created_at, id) keyset page starts: both null for the first page. */
    record After(OffsetDateTime createdAt, UUID id) {

        static After cursor(String cursor) {
            if (cursor == null) {
                return new After(null, null);
            }
            List<String> values = Cursor.decode(cursor, 2);
            try {
                return new After(OffsetDateTime.parse(values.get(0)), UUID.fromString(values.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new BadRequestException("invalid-cursor", "The cursor is not one this server issued");
            }
        }

        static String of(OffsetDateTime createdAt, UUID id) {
            return Cursor.encode(createdAt, id);
        }
    }

    /** The one row, mapped; no row is a 404 for {@code what}. */
    static <T> T single(RowSet<Row> rows, String what, Function<Row, T> mapper) {
        var found = rows.iterator();
        if (!found.hasNext()) {
            throw new NotFoundException(what);
        }
        return mapper.apply(found.next());
    }

    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        rows.forEach(row -> mapped.add(mapper.apply(row)));
        return mapped;
    }

    static Uni<Void> lockUser(SqlClient tx, UUID userId) {
        return tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId))
                .invoke(rows -> single(rows, "User", row -> row))
                .replaceWithVoid();
    }
}
