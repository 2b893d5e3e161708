package io.orderflow.platform;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * An opaque keyset-pagination cursor: the sort values of the last row a page returned,
 * base64url-encoded. Clients pass it back unchanged; anything else answers 400 invalid-cursor.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    /** Where a page in (created_at, id) order starts, the order of most lists; {@link #FIRST} for the first page. */
    public record After(OffsetDateTime createdAt, UUID id) {

        public static final After FIRST = new After(null, null);

        /** The position a client's cursor names; no cursor is the first page. */
        public static After of(String cursor) {
            return cursor == null ? FIRST
                    : decode(cursor, 2, values -> new After(OffsetDateTime.parse(values.get(0)), UUID.fromString(values.get(1))));
        }

        public static String cursor(Object createdAt, UUID id) {
            return encode(createdAt, id);
        }
    }

    /**
     * Where a page starts in a named sort order ending on the id: the last row's sort value and id, both null for the
     * first page. Its cursor holds the sort's name too, so a cursor is refused by any other order.
     */
    public record Keyset(Object value, UUID id) {

        public static final Keyset FIRST = new Keyset(null, null);

        public static String cursor(String sort, Object value, UUID id) {
            return encode(sort, value, id);
        }

        /** The position {@code cursor} names in sort order {@code sort}, its value read by {@code parse}; no cursor is the first page. */
        public static Keyset of(String cursor, String sort, Function<String, Object> parse) {
            if (cursor == null) {
                return FIRST;
            }
            return decode(cursor, 3, values -> {
                if (!values.get(0).equals(sort)) {
                    throw invalid("The cursor belongs to another sort order");
                }
                return new Keyset(parse.apply(values.get(1)), UUID.fromString(values.get(2)));
            });
        }
    }

    public static String encode(Object... values) {
        String joined = String.join(SEPARATOR, Arrays.stream(values).map(String::valueOf).toList());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor's {@code parts} values, read by {@code read}; a cursor that does not decode, has
     * another number of values, or whose values {@code read} rejects fails with a 400 problem.
     */
    public static <T> T decode(String cursor, int parts, Function<List<String>, T> read) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(joined.split(SEPARATOR, -1));
            if (values.size() == parts) {
                return read.apply(values);
            }
        } catch (IllegalArgumentException | DateTimeException ignored) {
            // falls through to the problem below: a malformed cursor is the client's error
        }
        throw invalid("The cursor is not one this server issued");
    }

    public static BadRequestException invalid(String detail) {
        return new BadRequestException("invalid-cursor", detail);
    }
}
