package io.orderflow.ordering;

import io.orderflow.payment.GatewayClient;
import io.orderflow.payment.GatewayTimeoutException;
import io.orderflow.payment.GatewayUnavailableException;
import io.orderflow.payment.PaymentFailure;
import io.orderflow.payment.Payments;
import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * The charge step of the checkout (docs/architecture.md), outside any transaction, handing the gateway's
 * answer to the settle step ({@link OrderSettlement}); and the same for a run resumed after it stopped.
 */
@ApplicationScoped
class CheckoutCharge {

    private final Pool db;
    private final Orders orders;
    private final Payments payments;
    private final OwnershipChecks ownership;
    private final GatewayClient gateway;
    private final OrderSettlement settlement;

    CheckoutCharge(Pool db, Orders orders, Payments payments, OwnershipChecks ownership, GatewayClient gateway,
                   OrderSettlement settlement) {
        this.db = db;
        this.orders = orders;
        this.payments = payments;
        this.ownership = ownership;
        this.gateway = gateway;
        this.settlement = settlement;
    }

    /**
     * Charges the attempt, then settles it. A gateway that stays down fails the attempt cleanly
     * (the order may be paid again); one that did not answer leaves it UNKNOWN. Emits the order's id.
     */
    Uni<UUID> chargeAndSettle(Payments.Payment payment, String paymentRef, Actor actor) {
        return gateway.charge(payment, paymentRef)
                .chain(result -> settlement.settle(payment.id(), result, actor))
                .onFailure(GatewayUnavailableException.class)
                .recoverWithUni(() -> settlement.failed(payment.id(), PaymentFailure.PROCESSING_ERROR, actor))
                .onFailure(GatewayTimeoutException.class)
                .recoverWithUni(() -> settlement.unknown(payment.id(), actor))
                .replaceWith(payment.orderId());
    }

    /**
     * Continues a run that stopped after writing its order. An attempt left in flight or unknown is
     * charged again under its own gateway key while the order still waits for it (the gateway
     * answers a charge it already made with that charge, so this is charge-or-ask in one call);
     * for an order given up meanwhile, the gateway is only asked.
     */
    Uni<UUID> resume(UUID orderId, Actor actor) {
        return payments.unsettledOf(db, orderId).chain(unsettled -> unsettled.isEmpty()
                ? Uni.createFrom().item(orderId)
                : orders.find(db, orderId).map(Optional::orElseThrow).chain(order -> order.status() == OrderStatus.PENDING
                        ? ownership.paymentMethodRef(order.customerId(), unsettled.get().paymentMethodId())
                                .chain(paymentRef -> chargeAndSettle(unsettled.get(), paymentRef, actor))
                        : askGateway(unsettled.get(), actor)));
    }

    private Uni<UUID> askGateway(Payments.Payment payment, Actor actor) {
        return gateway.findCharge(payment.gatewayIdempotencyKey())
                .chain(charge -> charge.isPresent()
                        ? settlement.settle(payment.id(), charge.get(), actor)
                        : settlement.failed(payment.id(), PaymentFailure.NOT_RECEIVED, actor))
                .onFailure(GatewayUnavailableException.class).recoverWithNull()
                .replaceWith(payment.orderId());
    }
}
