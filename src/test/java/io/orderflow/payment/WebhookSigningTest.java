package io.orderflow.payment;

import io.orderflow.platform.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The webhook signature without Quarkus: HMAC-SHA256 over "t.body", a fresh timestamp, the header's shape. */
class WebhookSigningTest {

    private static final byte[] SECRET = "whsec_test".getBytes(StandardCharsets.UTF_8);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final long SENT = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(SENT + 10);
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}";

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampDotBody() {
        // what `printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac whsec_test` prints
        assertEquals("3d34f860ecc2c5fc3978518b0564a6649bd191eb2caa286ec3976e3bc9929d7d", WebhookSigning.sign(SECRET, SENT, BODY));
    }

    @Test
    void aFreshCorrectSignatureIsAccepted() {
        assertDoesNotThrow(() -> verify("t=" + SENT + ",v1=" + WebhookSigning.sign(SECRET, SENT, BODY), BODY));
        assertDoesNotThrow(() -> verify(" v1=" + WebhookSigning.sign(SECRET, SENT, BODY).toUpperCase() + " , t=" + SENT, BODY));
    }

    @Test
    void anotherBodyOrSecretDoesNotMatch() {
        String header = "t=" + SENT + ",v1=" + WebhookSigning.sign(SECRET, SENT, BODY);

        assertRefused("The signature does not match the body", header, BODY.replace("succeeded", "failed"));
        assertRefused("The signature does not match the body",
                "t=" + SENT + ",v1=" + WebhookSigning.sign("other".getBytes(StandardCharsets.UTF_8), SENT, BODY), BODY);
    }

    @Test
    void duringARotationEitherSecretVerifiesAndNoOtherDoes() {
        byte[] previous = "whsec_old".getBytes(StandardCharsets.UTF_8);
        List<byte[]> both = List.of(SECRET, previous);

        assertDoesNotThrow(() -> WebhookSigning.verify(both, TOLERANCE, NOW, "t=" + SENT + ",v1=" + WebhookSigning.sign(SECRET, SENT, BODY), BODY));
        assertDoesNotThrow(() -> WebhookSigning.verify(both, TOLERANCE, NOW, "t=" + SENT + ",v1=" + WebhookSigning.sign(previous, SENT, BODY), BODY));
        BadRequestException refused = assertThrows(BadRequestException.class, () -> WebhookSigning.verify(both, TOLERANCE, NOW,
                "t=" + SENT + ",v1=" + WebhookSigning.sign("other".getBytes(StandardCharsets.UTF_8), SENT, BODY), BODY));
        assertEquals("invalid-signature", refused.type());
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEvenWithAGoodSignature() {
        long stale = NOW.getEpochSecond() - TOLERANCE.toSeconds() - 1;
        long early = NOW.getEpochSecond() + TOLERANCE.toSeconds() + 1;

        assertRefused("The signature timestamp is outside the accepted window", "t=" + stale + ",v1=" + WebhookSigning.sign(SECRET, stale, BODY), BODY);
        assertRefused("The signature timestamp is outside the accepted window", "t=" + early + ",v1=" + WebhookSigning.sign(SECRET, early, BODY), BODY);
        long edge = NOW.getEpochSecond() - TOLERANCE.toSeconds();
        assertDoesNotThrow(() -> verify("t=" + edge + ",v1=" + WebhookSigning.sign(SECRET, edge, BODY), BODY));
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        String shape = "The Orderflow-Signature header must be t=<unix seconds>,v1=<hex>";
        assertRefused(shape, null, BODY);
        assertRefused(shape, "", BODY);
        assertRefused(shape, "v1=" + WebhookSigning.sign(SECRET, SENT, BODY), BODY);
        assertRefused(shape, "t=" + SENT, BODY);
        assertRefused(shape, "t=yesterday,v1=" + WebhookSigning.sign(SECRET, SENT, BODY), BODY);
    }

    private static void verify(String header, String body) {
        WebhookSigning.verify(SECRET, TOLERANCE, NOW, header, body);
    }

    private static void assertRefused(String detail, String header, String body) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> verify(header, body));
        assertEquals("invalid-signature", refused.type());
        assertEquals(detail, refused.getMessage());
    }
}
