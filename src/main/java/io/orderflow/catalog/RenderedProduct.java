package io.orderflow.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** A product view as sent: the exact JSON bytes and their strong ETag, so a 200 or a 304 builds nothing. */
public record RenderedProduct(byte[] body, String etag) {

    static RenderedProduct of(ObjectMapper json, ProductView view) {
        try {
            byte[] body = json.writeValueAsBytes(view);
            return new RenderedProduct(body, etagOf(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render product " + view.id(), e);
        }
    }

    /** Whether the client's If-None-Match names this representation (weak comparison, as RFC 9110 asks for GET). */
    public boolean matches(String ifNoneMatch) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    /** A hash of the exact JSON sent, so the validator changes with any field, availability included. */
    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
