package io.orderflow.payment;

import io.orderflow.platform.DomainException;

import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The payment could not be decided now: the processor stayed unreachable (the attempt is FAILED,
 * processing_error, and the order may be paid again) or its answer is not known yet (the attempt is
 * UNKNOWN and the server asks the gateway). Either way the order stays PENDING with its stock, and
 * the same request with the same Idempotency-Key later returns the final answer.
 */
public class PaymentUnavailableException extends DomainException {

    public PaymentUnavailableException(UUID orderId) {
        super("The payment of this order could not be completed now; retry the same request later", Map.of("orderId", orderId));
    }

    @Override public OptionalLong retryAfterSeconds() { return OptionalLong.of(2); }
    @Override public int status() { return 503; }
    @Override public String type() { return "payment-unavailable"; }
    @Override public String title() { return "Payment processor unavailable"; }
}
