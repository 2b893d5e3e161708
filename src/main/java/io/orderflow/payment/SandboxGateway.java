package io.orderflow.payment;

import io.orderflow.platform.BadRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in gateway: a card processor's test mode. Test tokens decide the outcome
 * ({@code tok_visa} succeeds, {@code tok_chargeDeclined} declines, {@code tok_processingError}
 * fails transiently); the stored reference carries the token's behaviour, so the sandbox
 * needs no state for cards. Charges are remembered by idempotency key, as a real processor does.
 */
@ApplicationScoped
public class SandboxGateway implements PaymentGateway {

    private record TestCard(String brand, String last4, String declineReason, boolean transientFailure) {
    }

    private static final Map<String, TestCard> TEST_CARDS = Map.of(
            "visa", new TestCard("visa", "4242", null, false),
            "mastercard", new TestCard("mastercard", "4444", null, false),
            "amex", new TestCard("amex", "0005", null, false),
            "chargeDeclined", new TestCard("visa", "0002", "card_declined", false),
            "insufficientFunds", new TestCard("visa", "9995", "insufficient_funds", false),
            "processingError", new TestCard("visa", "0119", null, true));

    private final Duration latency;
    private final Map<String, ChargeResult> chargesByKey = new ConcurrentHashMap<>();
    private final Map<String, String> refundsByKey = new ConcurrentHashMap<>();

    SandboxGateway(@ConfigProperty(name = "orderflow.payment.sandbox.latency", defaultValue = "0ms") Duration latency) {
        this.latency = latency;
    }

    @Override
    public Uni<CardDetails> resolveToken(String token) {
        String name = token == null || !token.startsWith("tok_") ? null : token.substring(4);
        TestCard card = name == null ? null : TEST_CARDS.get(name);
        if (card == null) {
            return Uni.createFrom().failure(new BadRequestException("invalid-payment-token",
                    "Unknown card token; the sandbox accepts tok_visa, tok_mastercard, tok_amex, tok_chargeDeclined, "
                            + "tok_insufficientFunds and tok_processingError"));
        }
        return delayed(new CardDetails("pm_" + name + "_" + randomHex(), card.brand(), card.last4(), 12, 2034));
    }

    @Override
    public Uni<ChargeResult> charge(ChargeRequest request) {
        TestCard card = cardOf(request.paymentMethodRef());
        if (card.transientFailure()) {
            return delayed(null).chain(() -> Uni.createFrom().failure(
                    new GatewayUnavailableException("sandbox processing error")));
        }
        ChargeResult result = chargesByKey.computeIfAbsent(request.idempotencyKey(), key -> card.declineReason() == null
                ? new ChargeResult(true, "ch_" + randomHex(), null, request.amountCents())
                : new ChargeResult(false, null, card.declineReason(), request.amountCents()));
        return delayed(result);
    }

    @Override
    public Uni<RefundResult> refund(RefundRequest request) {
        String refundId = refundsByKey.computeIfAbsent(request.idempotencyKey(), key -> "re_" + randomHex());
        return delayed(new RefundResult(refundId, request.amountCents()));
    }

    @Override
    public Uni<Optional<ChargeResult>> findCharge(String idempotencyKey) {
        return delayed(Optional.ofNullable(chargesByKey.get(idempotencyKey)));
    }

    private static TestCard cardOf(String paymentMethodRef) {
        String[] parts = paymentMethodRef.split("_");
        TestCard card = parts.length == 3 ? TEST_CARDS.get(parts[1]) : null;
        if (card == null) {
            throw new IllegalArgumentException("Not a sandbox payment method: " + paymentMethodRef);
        }
        return card;
    }

    private <T> Uni<T> delayed(T value) {
        Uni<T> result = Uni.createFrom().item(value);
        return latency.isZero() ? result : result.onItem().delayIt().by(latency);
    }

    private static String randomHex() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
