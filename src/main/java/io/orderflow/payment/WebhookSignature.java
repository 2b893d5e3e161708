package io.orderflow.payment;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Verifies {@code Orderflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * shared secret, or during a rotation with the previous one ({@code webhook-previous-secret}). A timestamp outside the tolerance is refused, so a captured event can't be replayed later.
 */
@ApplicationScoped
public class WebhookSignature {

    public static final String HEADER = "Orderflow-Signature";

    private final byte[] secret;
    /** The secret and, while a rotation is under way, the previous one: both verify. */
    private final List<byte[]> accepted;
    private final Duration tolerance;
    private final Clock clock;

    WebhookSignature(PaymentConfig config) {
        // The start was refused without it (WebhookSettings).
        this.secret = config.webhookSecret().orElseThrow().getBytes(StandardCharsets.UTF_8);
        this.accepted = config.webhookPreviousSecret()
                .map(previous -> List.of(secret, previous.getBytes(StandardCharsets.UTF_8)))
                .orElse(List.of(secret));
        this.tolerance = config.webhookTolerance();
        this.clock = Clock.systemUTC();
    }

    /** Fails with a 400 problem unless {@code header} signs {@code body} and is fresh. */
    public void verify(String header, String body) {
        WebhookSigning.verify(accepted, tolerance, clock.instant(), header, body);
    }

    /** The hex signature of {@code body} sent at {@code timestamp}. */
    public String sign(long timestamp, String body) {
        return WebhookSigning.sign(secret, timestamp, body);
    }
}
