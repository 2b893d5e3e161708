package io.orderflow.ordering;

import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.PaymentOutcomes;
import io.orderflow.payment.Payments;
import io.orderflow.payment.RefundService;
import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * The settle step of the checkout (docs/architecture.md), shared by every path that learns what became
 * of a charge: the synchronous checkout, a resumed run, webhooks and the reconciler. Each decision
 * is taken in one transaction that locks the order's row and then the payment's (both statements sent at
 * once; PostgreSQL runs them in that order), so when two
 * paths settle one payment at once exactly one decides and the other finds it decided and does
 * nothing. A capture that paid the order is never refunded by a later path; a capture that
 * arrives for an order that is no longer pending (paid by another attempt, cancelled, expired) is
 * recorded as a late capture with a pending refund of all of it, then refunded.
 */
@ApplicationScoped
public class OrderSettlement implements PaymentOutcomes {

    private static final Logger LOG = Logger.getLogger(OrderSettlement.class);

    static final String LATE_CAPTURE_REASON = "order_no_longer_payable";

    private final Pool db;
    private final Orders orders;
    private final Payments payments;
    private final StockReservations stock;
    private final RefundService refunds;
    private final OrderLifecycle lifecycle;

    OrderSettlement(Pool db, Orders orders, Payments payments, StockReservations stock, RefundService refunds, OrderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.db = db;
        this.orders = orders;
        this.payments = payments;
        this.stock = stock;
        this.refunds = refunds;
    }

    /**
     * The money was taken. A pending order becomes CONFIRMED, what it grants is written ({@link OrderLifecycle#confirmed}:
     * enrolments, bookings) and its reserved stock is sold; any
     * other order gets the money back (late capture, refunded after the commit).
     */
    @Override
    public Uni<Void> succeeded(UUID paymentId, String chargeId, Actor actor) {
        return db.withTransaction(tx -> Uni.combine().all().unis(orders.lockOfPayment(tx, paymentId), payments.lock(tx, paymentId)).asTuple()
                        .chain(locked -> {
                            Orders.LockedOrder order = locked.getItem1();
                            Payments.Payment payment = locked.getItem2();
                            if (payment.isCaptured()) {
                                return Uni.createFrom().item(Optional.<UUID>empty());
                            }
                            if (order.status() == OrderStatus.PENDING) {
                                return Uni.join().all(
                                                payments.markSucceeded(tx, payment, chargeId, actor).replaceWithVoid(),
                                                orders.confirm(tx, order.id(), actor).replaceWithVoid(),
                                                lifecycle.confirmed(tx, order.id()),
                                                stock.consume(tx, order.id(), actor))
                                        .andFailFast()
                                        .replaceWith(Optional.<UUID>empty());
                            }
                            LOG.warnf("Payment %s captured while order %s is %s; refunding it", paymentId, order.id(), order.status());
                            return payments.markLateCapture(tx, payment, chargeId, actor)
                                    .chain(() -> refunds.requestFull(tx, payment, LATE_CAPTURE_REASON, actor))
                                    .map(Optional::of);
                        }))
                .chain(lateRefund -> lateRefund.isPresent() ? refunds.execute(lateRefund.get(), actor) : Uni.createFrom().voidItem());
    }

    /** The card was declined, or the processor failed before charging: the attempt FAILED, the order keeps its reservation. */
    @Override
    public Uni<Void> failed(UUID paymentId, String reason, Actor actor) {
        return db.withTransaction(tx -> payments.markFailed(tx, paymentId, reason, actor)).replaceWithVoid();
    }

    /** The charge went unanswered: the attempt is UNKNOWN until the gateway is asked. */
    public Uni<Void> unknown(UUID paymentId, Actor actor) {
        return db.withTransaction(tx -> payments.markUnknown(tx, paymentId, actor)).replaceWithVoid();
    }
}
