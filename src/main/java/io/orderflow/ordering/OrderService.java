package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.RefundService;
import io.orderflow.platform.Actor;
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

        static final Cancelled NOTHING = new Cancelled(List.of(), Optional.empty());
    }

    private final Pool db;
    private final Orders orders;
    private final StockReservations stock;
    private final RefundService refunds;
    private final IdempotencyKeys keys;
    private final SoldOutGate gate;
    private final ObjectMapper json;
    private final OrderLifecycle lifecycle;

    OrderService(Pool db, Orders orders, StockReservations stock, RefundService refunds, IdempotencyKeys keys,
                 SoldOutGate gate, ObjectMapper json, OrderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
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
     * returns, what it granted is taken back ({@link OrderLifecycle#cancelled}: enrolments, bookings, which may refuse
     * by their cancellation policy) and what is left of the payment is refunded: recorded in the same transaction, then
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
                                yield cancelConfirmed(tx, orderId, reason, caller.actor(), !caller.movesMoney());
                            }
                            default -> throw illegalCancel(status);
                        })))
                .call(cancelled -> afterCommit(cancelled, caller.actor()))
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

    /**
     * Takes lines out of a paid order because what they sold will not be delivered (learning: a cancelled event). When
     * they are all of a confirmed order's lines, the order is cancelled as staff would cancel it (the rest of its capture
     * refunded); otherwise the order stays as it is and the lines whose grants were still held are taken back, their
     * stock returned and their totals refunded (at most what is left of the capture). One transaction under the order's
     * row lock, the refund sent after the commit (or by the refund retry job should this instance stop first). A second
     * call finds the grants gone and does nothing, so a job that runs this again after a crash, or two instances with
     * lists read at different times, refund each line once.
     */
    public Uni<Void> withdraw(UUID orderId, List<UUID> productIds, String reason, Actor actor) {
        return db.withTransaction(tx -> orders.lockStatus(tx, orderId)
                        .chain(status -> Orders.items(tx, orderId).chain(items -> withdrawFrom(tx, orderId, status, items, productIds, reason, actor))))
                .call(withdrawn -> afterCommit(withdrawn, actor))
                .replaceWithVoid();
    }

    private Uni<Cancelled> withdrawFrom(SqlClient tx, UUID orderId, Optional<OrderStatus> status, List<OrderView.Item> items,
                                        List<UUID> productIds, String reason, Actor actor) {
        if (status.isEmpty() || !status.get().isPaid()) {
            return Uni.createFrom().item(Cancelled.NOTHING);
        }
        if (status.get() == OrderStatus.CONFIRMED && items.stream().allMatch(item -> productIds.contains(item.productId()))) {
            return cancelConfirmed(tx, orderId, reason, actor, false);
        }
        return lifecycle.withdrawn(tx, orderId, productIds).chain(taken -> {
            if (taken.isEmpty()) {
                return Uni.createFrom().item(Cancelled.NOTHING);
            }
            long amountCents = items.stream().filter(item -> taken.contains(item.productId())).mapToLong(OrderView.Item::lineTotalCents).sum();
            return stock.returnSold(tx, orderId, taken, actor)
                    .chain(returned -> refunds.requestUpTo(tx, orderId, amountCents, reason, actor).map(refund -> new Cancelled(returned, refund)));
        });
    }

    /** Once the cancellation committed: its refund goes to the gateway, and the stock that came back opens its sold-out gates. */
    private Uni<Void> afterCommit(Cancelled cancelled, Actor actor) {
        return (cancelled.refund().isPresent() ? refunds.execute(cancelled.refund().get(), actor) : Uni.createFrom().voidItem())
                .call(() -> gate.open(cancelled.restocked()));
    }

    private Uni<Cancelled> cancelPending(SqlClient tx, Caller caller, UUID orderId, String reason) {
        return orders.cancel(tx, orderId, OrderStatus.PENDING, reason, caller.actor())
                .chain(() -> stock.release(tx, orderId))
                .map(released -> new Cancelled(released, Optional.empty()));
    }

    private Uni<Cancelled> cancelConfirmed(SqlClient tx, UUID orderId, String reason, Actor actor, boolean byPolicy) {
        return orders.cancel(tx, orderId, OrderStatus.CONFIRMED, reason, actor)
                .call(() -> lifecycle.cancelled(tx, orderId, byPolicy))
                .chain(() -> stock.returnSold(tx, orderId, actor))
                .chain(returned -> refunds.requestRest(tx, orderId, reason, actor)
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
