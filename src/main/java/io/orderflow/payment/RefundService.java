package io.orderflow.payment;

import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Staff refunds of an order's captured payment: partial or full, never above what is left of the capture. */
@ApplicationScoped
public class RefundService {

    private final Pool db;
    private final Payments payments;
    private final PaymentGateway gateway;

    RefundService(Pool db, Payments payments, PaymentGateway gateway) {
        this.db = db;
        this.payments = payments;
        this.gateway = gateway;
    }

    /** Refunds {@code amountCents} of the order's capture; emits the payment as it is afterwards. */
    public Uni<Payments.Payment> refund(UUID orderId, long amountCents, String reason, Actor actor) {
        return payments.capturedOf(db, orderId)
                .map(found -> found.orElseThrow(() -> new ConflictException("not-captured", "The order has no captured payment to refund")))
                .invoke(payment -> {
                    if (amountCents > payment.refundable()) {
                        throw new UnprocessableException("refund-exceeds-captured",
                                "At most " + payment.refundable() + " cents of this payment can still be refunded");
                    }
                })
                .chain(payment -> refundAtGateway(payment, amountCents, refundKey(payment, amountCents))
                        .chain(refundId -> db.withTransaction(tx -> payments.addRefund(tx, payment, amountCents, refundId, reason, actor)))
                        .invoke(recorded -> {
                            if (!recorded) {
                                throw new ConflictException("refund-conflict", "The payment changed meanwhile; reload the order and retry");
                            }
                        })
                        .chain(() -> payments.byId(db, payment.id())).map(java.util.Optional::orElseThrow));
    }

    /** Asks the gateway for the refund; emits the gateway's refund id. */
    public Uni<String> refundAtGateway(Payments.Payment payment, long amountCents, String idempotencyKey) {
        return gateway.refund(new PaymentGateway.RefundRequest(idempotencyKey, payment.gatewayChargeId(), amountCents))
                .map(PaymentGateway.RefundResult::refundId);
    }

    // Derived from the payment's refund state: a retried request maps to the same gateway refund.
    private static String refundKey(Payments.Payment payment, long amountCents) {
        return "refund_" + payment.id() + "_" + payment.amountRefundedCents() + "_" + amountCents;
    }
}
