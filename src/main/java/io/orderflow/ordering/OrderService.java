package io.orderflow.ordering;

import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.Payments;
import io.orderflow.payment.RefundService;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reading and cancelling orders, and staff refunds. The checkout itself is {@link CheckoutPipeline}. */
@ApplicationScoped
public class OrderService {

    private final Pool db;
    private final Orders orders;
    private final Payments payments;
    private final StockReservations stock;
    private final RefundService refunds;
    private final SoldOutGate gate;

    OrderService(Pool db, Orders orders, Payments payments, StockReservations stock, RefundService refunds, SoldOutGate gate) {
        this.db = db;
        this.orders = orders;
        this.payments = payments;
        this.stock = stock;
        this.refunds = refunds;
        this.gate = gate;
    }

    /** The order, if the caller owns it or is staff; anyone else learns nothing (404). */
    public Uni<OrderView> get(Caller caller, UUID orderId) {
        return orders.find(db, orderId)
                .map(found -> found.filter(caller::mayRead).orElseThrow(() -> new NotFoundException("Order")));
    }

    public Uni<Page<OrderSummary>> mine(Caller caller, String status, String cursor, int limit) {
        Orders.Position after = cursor == null ? null : afterCursor(cursor);
        return orders.mine(db, caller.id(), status, after, limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.encode(last.createdAt(), last.id())));
    }

    /**
     * Cancels a PENDING order (its stock goes back, its attempt in flight fails) or a CONFIRMED
     * one (what is left of the payment is refunded and the sold stock returns).
     */
    public Uni<OrderView> cancel(Caller caller, UUID orderId, String reason) {
        return get(caller, orderId)
                .chain(order -> switch (order.status()) {
                    case "pending" -> cancelPending(caller, orderId, reason);
                    case "confirmed" -> cancelConfirmed(caller, orderId, reason);
                    default -> Uni.createFrom().failure(illegalCancel(order.status()));
                })
                .chain(() -> get(caller, orderId));
    }

    /** Staff refund of part or all of the order's capture. */
    public Uni<OrderView> refund(Caller caller, UUID orderId, long amountCents, String reason) {
        return get(caller, orderId)
                .chain(() -> refunds.refund(orderId, amountCents, reason, caller.actor()))
                .chain(() -> get(caller, orderId));
    }

    private Uni<Void> cancelPending(Caller caller, UUID orderId, String reason) {
        return db.withTransaction(tx -> orders.cancel(tx, orderId, "pending", reason, caller.actor()).chain(cancelled -> {
            if (!cancelled) {
                throw illegalCancel("no longer pending");
            }
            return stock.release(tx, orderId)
                    .call(() -> payments.failPendingOf(tx, orderId, "order_cancelled", caller.actor()));
        })).chain(gate::open);
    }

    /**
     * The refund goes to the gateway first (under a key derived from the order, so a retried
     * cancel refunds once), then one transaction records it, returns the stock and cancels.
     * Should the order have moved on meanwhile (shipped), the refund is still recorded: the money moved.
     * The returned stock opens its sold-out gates after the commit.
     */
    private Uni<Void> cancelConfirmed(Caller caller, UUID orderId, String reason) {
        return payments.capturedOf(db, orderId).map(found -> found.orElseThrow())
                .chain(payment -> refundRest(payment, orderId)
                        .chain(refundId -> db.withTransaction(tx -> (refundId == null ? Uni.createFrom().item(true)
                                        : payments.addRefund(tx, payment, payment.refundable(), refundId, reason, caller.actor()))
                                .chain(() -> orders.cancel(tx, orderId, "confirmed", reason, caller.actor()))
                                .chain(cancelled -> cancelled
                                        ? stock.returnSold(tx, orderId, caller.actor()).map(Optional::of)
                                        : Uni.createFrom().item(Optional.<List<UUID>>empty())))))
                .map(returned -> returned.orElseThrow(() -> illegalCancel("no longer confirmed")))
                .chain(gate::open);
    }

    /** Refunds what is left of the capture; emits the gateway refund id, or null when nothing is left. */
    private Uni<String> refundRest(Payments.Payment payment, UUID orderId) {
        return payment.refundable() == 0
                ? Uni.createFrom().nullItem()
                : refunds.refundAtGateway(payment, payment.refundable(), "cancel_" + orderId);
    }

    private static ConflictException illegalCancel(String status) {
        return new ConflictException("illegal-transition", "An order that is " + status + " cannot be cancelled",
                Map.of("orderStatus", status));
    }

    private static Orders.Position afterCursor(String cursor) {
        List<String> values = Cursor.decode(cursor, 2);
        try {
            return new Orders.Position(Instant.parse(values.get(0)), UUID.fromString(values.get(1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("invalid-cursor", "The cursor is not one this server issued");
        }
    }
}
