package io.orderflow.payment;

import io.orderflow.payment.PaymentGateway.ChargeResult;
import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Where the outcome of a charge attempt goes once it is known, from the checkout, a webhook or
 * the reconciler. The ordering module implements it (settling the order with the payment in one
 * transaction): payment sits below ordering and must not import it (docs/architecture.md, "Modules").
 */
public interface PaymentOutcomes {

    /** The money was taken. */
    Uni<Void> succeeded(UUID paymentId, String chargeId, Actor actor);

    /** The card was declined, or the processor failed before charging. */
    Uni<Void> failed(UUID paymentId, String reason, Actor actor);

    /** The attempt failed for a reason this application gives it, not the processor. */
    default Uni<Void> failed(UUID paymentId, PaymentFailure reason, Actor actor) {
        return failed(paymentId, reason.value(), actor);
    }

    /** Applies the gateway's answer to a charge attempt. */
    default Uni<Void> settle(UUID paymentId, ChargeResult result, Actor actor) {
        return result.succeeded()
                ? succeeded(paymentId, result.chargeId(), actor)
                : failed(paymentId, result.declineReason(), actor);
    }
}
