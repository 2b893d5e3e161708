package io.orderflow.payment;

import io.orderflow.platform.DomainException;

import java.util.Map;
import java.util.UUID;

/**
 * The gateway stayed unreachable through every retry. The attempt is recorded as FAILED
 * (processing_error) and the order stays PENDING with its stock, so the client can pay it later.
 */
public class PaymentUnavailableException extends DomainException {

    public PaymentUnavailableException(UUID orderId) {
        super("The payment processor is unavailable; retry the payment of this order later", Map.of("orderId", orderId));
    }

    @Override public int status() { return 503; }
    @Override public String type() { return "payment-unavailable"; }
    @Override public String title() { return "Payment processor unavailable"; }
}
