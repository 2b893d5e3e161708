package io.orderflow.ordering;

import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.PaymentGateway;
import io.orderflow.payment.PaymentGateway.ChargeResult;
import io.orderflow.payment.Payments;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Transaction 2 of the checkout, shared by the synchronous path, the webhook and the
 * reconciler: a gateway decision about one payment becomes order and payment state. Every step
 * is conditional, so the same decision arriving twice (webhook after the synchronous answer)
 * changes nothing the second time.
 */
@ApplicationScoped
public class OrderSettlement {

    private static final Logger LOG = Logger.getLogger(OrderSettlement.class);

    private final Pool db;
    private final Orders orders;
    private final Payments payments;
    private final StockReservations stock;
    private final PaymentGateway gateway;

    OrderSettlement(Pool db, Orders orders, Payments payments, StockReservations stock, PaymentGateway gateway) {
        this.db = db;
        this.orders = orders;
        this.payments = payments;
        this.stock = stock;
        this.gateway = gateway;
    }

    /** Applies the gateway's answer to a charge attempt. */
    public Uni<Void> settle(UUID paymentId, ChargeResult result, Actor actor) {
        return result.succeeded()
                ? succeeded(paymentId, result.chargeId(), actor)
                : failed(paymentId, result.declineReason(), actor);
    }

    /**
     * The money was taken: payment SUCCEEDED, order CONFIRMED, reserved stock sold. When the
     * order is no longer pending (cancelled, or its reservation expired meanwhile), the charge
     * is refunded instead, so no customer pays for stock they do not get.
     */
    public Uni<Void> succeeded(UUID paymentId, String chargeId, Actor actor) {
        return payments.byId(db, paymentId).chain(found -> {
            Payments.Payment payment = found.orElseThrow();
            if (payment.status().equals("succeeded") || payment.status().equals("refunded")) {
                return Uni.createFrom().voidItem();
            }
            return db.withTransaction(tx -> orders.confirm(tx, payment.orderId(), actor).chain(confirmed -> !confirmed
                            ? Uni.createFrom().item(false)
                            : payments.markSucceeded(tx, paymentId, chargeId, actor)
                                    .invoke(marked -> { if (!marked) throw settledMeanwhile(paymentId); })
                                    .call(() -> stock.consume(tx, payment.orderId(), actor))))
                    .chain(confirmed -> confirmed ? Uni.createFrom().voidItem() : refundLate(payment, chargeId, actor));
        });
    }

    /** The card was declined: the attempt FAILED, the order keeps its reservation for another try. */
    public Uni<Void> failed(UUID paymentId, String reason, Actor actor) {
        return db.withTransaction(tx -> payments.markFailed(tx, paymentId, reason, actor)).replaceWithVoid();
    }

    private Uni<Void> refundLate(Payments.Payment payment, String chargeId, Actor actor) {
        LOG.warnf("Payment %s captured after order %s stopped being payable; refunding it", payment.id(), payment.orderId());
        return gateway.refund(new PaymentGateway.RefundRequest("late_" + payment.id(), chargeId, payment.amountCents()))
                .chain(refund -> db.withTransaction(tx -> payments.markRefundedLate(tx, payment.id(), chargeId, refund.refundId(), actor)))
                .replaceWithVoid();
    }

    private static ConflictException settledMeanwhile(UUID paymentId) {
        return new ConflictException("payment-settled", "Payment " + paymentId + " was settled concurrently");
    }
}
