package io.orderflow.payment;

import io.orderflow.platform.BadRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Verifies {@code Orderflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * shared secret. A timestamp outside the tolerance is refused, so a captured event can't be replayed later.
 */
@ApplicationScoped
public class WebhookSignature {

    public static final String HEADER = "Orderflow-Signature";

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    WebhookSignature(@ConfigProperty(name = "orderflow.payment.webhook-secret") String secret,
                     @ConfigProperty(name = "orderflow.payment.webhook-tolerance") Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = Clock.systemUTC();
    }

    /** Fails with a 400 problem unless {@code header} signs {@code body} and is fresh. */
    public void verify(String header, String body) {
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
            throw invalid("The " + HEADER + " header must be t=<unix seconds>,v1=<hex>");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw invalid("The signature timestamp is outside the accepted window");
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("The signature does not match the body");
        }
    }

    /** The hex signature of {@code body} sent at {@code timestamp}. */
    public String sign(long timestamp, String body) {
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
