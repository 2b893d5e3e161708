package io.orderflow.payment;

import io.orderflow.platform.BadRequestException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * How a webhook body is signed and checked ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}),
 * with the secret, the tolerance and the time given: {@link WebhookSignature} supplies them from its
 * configuration and clock, and {@code WebhookSigningTest} checks the arithmetic without Quarkus.
 */
final class WebhookSigning {

    private WebhookSigning() {
    }

    /** Fails with a 400 problem unless {@code header} signs {@code body} and is within {@code tolerance} of {@code now}. */
    static void verify(byte[] secret, Duration tolerance, Instant now, String header, String body) {
        verify(List.of(secret), tolerance, now, header, body);
    }

    /** As above, with any of {@code secrets}: the current one and, during a rollover, the previous one. */
    static void verify(List<byte[]> secrets, Duration tolerance, Instant now, String header, String body) {
        long timestamp = -1;
        String given = null;
        for (String part : header == null ? new String[0] : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = parseSeconds(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                given = pair[1];
            }
        }
        if (timestamp < 0 || given == null) {
            throw invalid("The " + WebhookSignature.HEADER + " header must be t=<unix seconds>,v1=<hex>");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw invalid("The signature timestamp is outside the accepted window");
        }
        byte[] signature = given.toLowerCase().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] secret : secrets) {
            // Every secret is tried, so the time taken does not say which one matched.
            matches |= MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII), signature);
        }
        if (!matches) {
            throw invalid("The signature does not match the body");
        }
    }

    /** The hex signature of {@code body} sent at {@code timestamp}. */
    static String sign(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static long parseSeconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static BadRequestException invalid(String detail) {
        return new BadRequestException("invalid-signature", detail);
    }
}
