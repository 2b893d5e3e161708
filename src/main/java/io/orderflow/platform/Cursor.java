package io.orderflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset-pagination cursor: the sort values of the last row a page returned,
 * base64url-encoded. Clients pass it back unchanged; anything else answers 400.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    public static String encode(Object... values) {
        String joined = String.join(SEPARATOR, Arrays.stream(values).map(String::valueOf).toList());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's values; fails with a 400 problem unless it holds exactly {@code parts} of them. */
    public static List<String> decode(String cursor, int parts) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(joined.split(SEPARATOR, -1));
            if (values.size() == parts) {
                return values;
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the problem below: a malformed cursor is the client's error
        }
        throw new BadRequestException("invalid-cursor", "The cursor is not one this server issued");
    }
}
