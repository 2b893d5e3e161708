package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.RefundService;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and cancelling orders, and staff refunds. The checkout itself is {@link CheckoutPipeline}.
 * Cancels and refunds start by locking the order's row, as shipments and settling do, so they
 * queue up behind each other and each sees the state the last one left.
 */
@ApplicationScoped
public class OrderService {

    static final String REFUND_SCOPE_PREFIX = "order-refund:";

    /** What a cancellation changed: products whose stock came back, and the refund to send, if any. */
    private record Cancelled(List<UUID> restocked, Optional<UUID> refund) {
    }

    private final Pool db;
    private final Orders orders;
    private final StockReservations stock;
    private final RefundService refunds;
    private final IdempotencyKeys keys;
    private final SoldOutGate gate;
    private final ObjectMapper json;

    OrderService(Pool db, Orders orders, StockReservations stock, RefundService refunds, IdempotencyKeys keys,
                 SoldOutGate gate, ObjectMapper json) {
        this.db = db;
        this.orders = orders;
        this.stock = stock;
        this.refunds = refunds;
        this.keys = keys;
        this.gate = gate;
        this.json = json;
    }

    /** The order, if the caller owns it or is staff; anyone else learns nothing (404). */
    public Uni<OrderView> get(Caller caller, UUID orderId) {
        return orders.find(db, orderId)
                .map(found -> found.filter(order -> caller.mayRead(order.customerId())).orElseThrow(() -> new NotFoundException("Order")));
    }

    public Uni<Page<OrderSummary>> mine(Caller caller, String status, String cursor, int limit) {
        return orders.mine(db, caller.id(), status, Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.createdAt(), last.id())));
    }

    /**
     * Cancels a PENDING order (its stock goes back; an attempt still in flight is left to settle,
     * and should it capture, that late capture is refunded) or a CONFIRMED one (the sold stock
     * returns and what is left of the payment is refunded: recorded in the same transaction, then
     * sent to the gateway). Only the order's customer or an admin or manager may cancel a paid order.
     */
    public Uni<OrderView> cancel(Caller caller, UUID orderId, String reason) {
        return get(caller, orderId)
                .chain(order -> db.withTransaction(tx -> orders.lockStatus(tx, orderId).map(Optional::orElseThrow)
                        .chain(status -> switch (status) {
                            case PENDING -> cancelPending(tx, caller, orderId, reason);
                            case CONFIRMED -> {
                                // Giving a paid order's money back: its own customer (cancelling), or an admin or manager.
                                if (!caller.movesMoney() && !order.customerId().equals(caller.id())) {
                                    throw new ForbiddenException("Cancelling a paid order refunds it: admin or manager only");
                                }
                                yield cancelConfirmed(tx, caller, orderId, reason);
                            }
                            default -> throw illegalCancel(status);
                        })))
                .call(cancelled -> cancelled.refund().isPresent()
                        ? refunds.execute(cancelled.refund().get(), caller.actor())
                        : Uni.createFrom().voidItem())
                .call(cancelled -> gate.open(cancelled.restocked()))
                .chain(() -> get(caller, orderId));
    }

    /**
     * Staff refund of part or all of the order's capture. The key makes a retried request refund
     * once: its id is the refund's id, and its answer (the order afterwards) is replayed.
     */
    public Uni<CheckoutResponse> refund(Caller caller, UUID orderId, String idempotencyKey, long amountCents, String reason) {
        String hash = CreateOrderRequest.sha256(amountCents + "\n" + reason);
        return get(caller, orderId)
                .chain(() -> keys.claim(caller.id(), REFUND_SCOPE_PREFIX + orderId, idempotencyKey, hash))
                .chain(claim -> claim.isReplay() ? Uni.createFrom().item(claim.replay()) : db.withTransaction(tx -> lockOrder(tx, orderId)
                                .chain(() -> refunds.request(tx, orderId, claim.id(), amountCents, reason, caller.actor()))
                                .chain(() -> keys.linkOrder(tx, claim.id(), orderId)))
                        .chain(() -> refunds.execute(claim.id(), caller.actor()))
                        .chain(() -> get(caller, orderId))
                        .map(order -> CheckoutResponse.of(200, order, json))
                        .call(response -> keys.complete(claim.id(), response))
                        .onFailure().call(() -> keys.release(claim.id())));
    }

    private Uni<Cancelled> cancelPending(SqlClient tx, Caller caller, UUID orderId, String reason) {
        return orders.cancel(tx, orderId, OrderStatus.PENDING, reason, caller.actor())
                .chain(() -> stock.release(tx, orderId))
                .map(released -> new Cancelled(released, Optional.empty()));
    }

    private Uni<Cancelled> cancelConfirmed(SqlClient tx, Caller caller, UUID orderId, String reason) {
        return orders.cancel(tx, orderId, OrderStatus.CONFIRMED, reason, caller.actor())
                .chain(() -> stock.returnSold(tx, orderId, caller.actor()))
                .chain(returned -> refunds.requestRest(tx, orderId, reason, caller.actor())
                        .map(refund -> new Cancelled(returned, refund)));
    }

    private Uni<Void> lockOrder(SqlClient tx, UUID orderId) {
        return orders.lockStatus(tx, orderId).invoke(status -> status.orElseThrow(() -> new NotFoundException("Order"))).replaceWithVoid();
    }

    private static ConflictException illegalCancel(OrderStatus status) {
        return new ConflictException("illegal-transition", "An order that is " + status.value() + " cannot be cancelled",
                Map.of("orderStatus", status.value()));
    }
}
