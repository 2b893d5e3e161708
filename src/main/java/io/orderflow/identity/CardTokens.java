package io.orderflow.identity;

import io.smallrye.mutiny.Uni;

/**
 * Turns the token a client got from the payment processor into the card it stands for. The
 * payment module implements it: identity stores cards but sits below payment.
 */
public interface CardTokens {

    /** Fails with 422 for a token the processor does not know, 503 when it does not answer. */
    Uni<Card> resolveToken(String token);

    /** What is kept of a card: the processor's reference and what a customer recognises it by. */
    record Card(String paymentMethodRef, String brand, String last4, int expMonth, int expYear) {
    }
}
