package io.orderflow.ordering;

import io.orderflow.inventory.OutOfStockException;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockLine;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.Payments;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The reserve step of the checkout (docs/architecture.md): one transaction writes what is about to be
 * charged and links the Idempotency-Key to its order, so a run that stops after it is resumed from there.
 */
@ApplicationScoped
class OrderReservation {

    private final Pool db;
    private final Orders orders;
    private final StockReservations stock;
    private final Payments payments;
    private final IdempotencyKeys keys;
    private final SoldOutGate gate;
    private final CheckoutConfig config;
    private final HoldLimits holdLimits;
    private final OrderLifecycle lifecycle;

    OrderReservation(Pool db, Orders orders, StockReservations stock, Payments payments, IdempotencyKeys keys, SoldOutGate gate,
                     CheckoutConfig config, HoldLimits holdLimits, OrderLifecycle lifecycle) {
        this.holdLimits = holdLimits;
        this.lifecycle = lifecycle;
        this.db = db;
        this.orders = orders;
        this.stock = stock;
        this.payments = payments;
        this.keys = keys;
        this.gate = gate;
        this.config = config;
    }

    /**
     * The PENDING order, its lines, the stock it holds and its PENDING payment commit together, once the
     * customer's hold limits and the rules of its kinds of product ({@link OrderLifecycle#beforeReserve}) allow it.
     * The order, payment and key rows are sent at once (the connection
     * pipelines them; PostgreSQL runs them in that order, so the order row exists before the rows that
     * reference it), and the stock is reserved last: a hot product's row stays locked only until the commit.
     * A shortage closes the sold-out gate of what the database saw at 0, once the transaction has rolled back.
     */
    Uni<Payments.Payment> reserve(IdempotencyKeys.Claim claim, Orders.NewOrder order, UUID paymentMethodId, Actor actor) {
        List<StockLine> tracked = order.trackedLines();
        Instant expiresAt = Instant.now().plus(config.reservationTtl());
        return db.withTransaction(tx -> holdLimits.check(tx, order)
                        .call(heldProducts -> kindRules(tx, order, heldProducts))
                        .chain(() -> Uni.combine().all().unis(
                                        orders.insert(tx, order, actor),
                                        payments.insertPending(tx, order.id(), paymentMethodId, order.totalCents(), order.currency(), actor),
                                        keys.linkOrder(tx, claim.id(), order.id()))
                                .with((number, payment, linked) -> payment))
                        .call(() -> tracked.isEmpty() ? Uni.createFrom().voidItem() : stock.reserve(tx, order.id(), tracked, expiresAt)))
                .onFailure(OutOfStockException.class).call(shortage -> gate.close((OutOfStockException) shortage))
                .onFailure(OrderReservation::isKeyAlreadyUsed).recoverWithUni(() -> keys.orderPredatesClaim(claim.id())
                        .chain(expired -> Uni.createFrom().<Payments.Payment>failure(expired ? keyExpired() : IdempotencyKeys.inFlight())));
    }

    private Uni<Void> kindRules(SqlClient tx, Orders.NewOrder order, Set<UUID> heldProducts) {
        return order.lines().stream().anyMatch(line -> lifecycle.handles(line.product().kind()))
                ? lifecycle.beforeReserve(tx, order.customerId(), order.lines(), heldProducts)
                : Uni.createFrom().voidItem();
    }

    /** Another attempt for a pending order that still holds its stock: only its PENDING payment, with the key linked. */
    Uni<Payments.Payment> newAttempt(IdempotencyKeys.Claim claim, OrderView order, UUID paymentMethodId, Actor actor) {
        return db.withTransaction(tx -> payments.insertPending(tx, order.id(), paymentMethodId, order.totalCents(), order.currency(), actor)
                        .call(() -> keys.linkOrder(tx, claim.id(), order.id())))
                .onFailure(PgException.class).transform(e -> paymentInFlight(e, order.id()));
    }

    /**
     * The orders table already holds an order under this key: the key's record was purged after its
     * retention (a key reused a day later: 422), or another run of the same key won a race (409, the
     * retry replays its answer). Neither may make a second order.
     */
    private static boolean isKeyAlreadyUsed(Throwable failure) {
        return failure instanceof PgException pg && "orders_customer_idempotency_key".equals(pg.getConstraint());
    }

    private static UnprocessableException keyExpired() {
        return new UnprocessableException("idempotency-key-expired",
                "This Idempotency-Key was used for another order whose record has expired; send a new key");
    }

    private static RuntimeException paymentInFlight(Throwable failure, UUID orderId) {
        if (failure instanceof PgException pg && "payments_one_pending_per_order".equals(pg.getConstraint())) {
            return new ConflictException("payment-in-flight", "Another payment of this order is being processed", Map.of("orderId", orderId));
        }
        return (RuntimeException) failure;
    }
}
