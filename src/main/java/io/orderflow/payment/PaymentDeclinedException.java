package io.orderflow.payment;

import io.orderflow.platform.DomainException;

import java.util.Map;
import java.util.UUID;

/** The card was declined: the order stays PENDING with its stock held, and may be paid with another method. */
public class PaymentDeclinedException extends DomainException {

    public PaymentDeclinedException(UUID orderId, String reason) {
        super("The payment was declined (" + reason + "); the order keeps its stock until the reservation expires",
                Map.of("orderId", orderId, "reason", reason));
    }

    @Override public int status() { return 402; }
    @Override public String type() { return "payment-declined"; }
    @Override public String title() { return "Payment declined"; }
}
