package io.orderflow.payment;

import io.orderflow.identity.CardTokens;
import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * A card processor. Every call that moves money takes the caller's idempotency key, so a
 * retried call never charges or refunds twice. Trouble before the processor acted fails with
 * {@link GatewayUnavailableException}; a call that got no answer in time fails with
 * {@link GatewayTimeoutException} (callers bound every call); a decision (decline, refused
 * refund) is a normal result.
 */
public interface PaymentGateway {

    /** Exchanges a client-side card token for a stored payment method reference and its card details. */
    Uni<CardTokens.Card> resolveToken(String token);

    Uni<ChargeResult> charge(ChargeRequest request);

    Uni<RefundResult> refund(RefundRequest request);

    /** What became of a charge sent with this idempotency key, if the gateway ever saw it. */
    Uni<Optional<ChargeResult>> findCharge(String idempotencyKey);

    /** A refund the gateway made, by its refund id, if it made one. */
    Uni<Optional<RefundFound>> findRefund(String refundId);

    record ChargeRequest(String idempotencyKey, String paymentMethodRef, long amountCents, String currency) {
    }

    /** {@code chargeId} is set when {@code succeeded}; {@code declineReason} when not. */
    record ChargeResult(boolean succeeded, String chargeId, String declineReason, long amountCents) {
    }

    /** A refund as the gateway records it: of which charge, and how much. */
    record RefundFound(String refundId, String chargeId, long amountCents) {
    }

    record RefundRequest(String idempotencyKey, String chargeId, long amountCents) {
    }

    /** {@code refundId} is set when {@code succeeded}; {@code failureReason} when the processor refused it. */
    record RefundResult(boolean succeeded, String refundId, String failureReason, long amountCents) {
    }
}
