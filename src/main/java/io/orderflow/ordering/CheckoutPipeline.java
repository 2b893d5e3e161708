package io.orderflow.ordering;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.cart.CartService;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The checkout (docs/architecture.md, "The checkout pipeline"), read as its steps: claim the
 * idempotency key, then validate -> sold-out gate -> reserve -> charge (no transaction) -> settle,
 * and answer, storing the final answer with the key so a repeated request gets the same one. A gated
 * product answers the same out-of-stock 409 the reservation would: before the claim, unstored, for lines
 * given in the request; in the run, stored with the key alike, for a cart.
 * <p>
 * Faults are part of the pipeline ({@link CheckoutRuns}): a step that fails with a transient database or
 * Redis error is run again from what was committed (the order the key is linked to, its attempt in
 * flight), with bounded backoff, so a restart of a few seconds ends in the client's request getting its
 * real answer. What can't finish in that time answers 503 with Retry-After, and the key is left
 * resumable at once. A run that stopped after writing its order is finished by the next request
 * with its key or by {@link StrandedCheckouts}.
 */
@ApplicationScoped
public class CheckoutPipeline {

    private static final Logger LOG = Logger.getLogger(CheckoutPipeline.class);

    static final String CREATE_SCOPE = "create-order";
    static final String PAYMENT_SCOPE_PREFIX = "order-payment:";

    private final CheckoutRuns runs;
    private final CheckoutValidation validation;
    private final SoldOutGate gate;
    private final OrderReservation reservation;
    private final CheckoutCharge charge;
    private final Pool db;
    private final Orders orders;
    private final CartService carts;
    private final MeterRegistry metrics;

    CheckoutPipeline(CheckoutRuns runs, CheckoutValidation validation, SoldOutGate gate, OrderReservation reservation,
                     CheckoutCharge charge, Pool db, Orders orders, CartService carts, MeterRegistry metrics) {
        this.runs = runs;
        this.validation = validation;
        this.gate = gate;
        this.reservation = reservation;
        this.charge = charge;
        this.db = db;
        this.orders = orders;
        this.carts = carts;
        this.metrics = metrics;
    }

    /**
     * POST /orders: 201 with the confirmed order, or a stored 402 / 409 / 503 problem. Lines given in the request
     * meet the sold-out gate before the claim: a gated request whose key holds nothing yet gets the out-of-stock 409
     * at once, for a Redis MGET and one indexed read, no durable write, and it is not stored (nothing happened, so
     * the same key may run again once the product is back). A cart's lines are only known once the run reads the
     * cart, so a cart checkout, and a gated request whose key already holds a record, meet the gate in the run.
     */
    public Uni<CheckoutResponse> placeOrder(Caller caller, String idempotencyKey, CreateOrderRequest request) {
        if (request.usesCart()) {
            return claimThenPlace(caller, idempotencyKey, request, true);
        }
        return gate.refusal(request.lines()).chain(refusal -> refusal.isEmpty()
                ? claimThenPlace(caller, idempotencyKey, request, false)
                : runs.keyUnused(caller, CREATE_SCOPE, idempotencyKey).chain(unused -> unused
                        ? refusedBeforeClaim(refusal.get(), caller)
                        : claimThenPlace(caller, idempotencyKey, request, true)));
    }

    /** POST /orders/{id}/payments: another attempt for a PENDING order that still holds its stock. */
    public Uni<CheckoutResponse> retryPayment(Caller caller, UUID orderId, String idempotencyKey, UUID paymentMethodId) {
        return runs.claimThenRun(caller, PAYMENT_SCOPE_PREFIX + orderId, idempotencyKey, CreateOrderRequest.sha256(paymentMethodId.toString()),
                claim -> runs.run(claim, caller, 200, () -> payAgain(claim, caller, orderId, paymentMethodId)).map(CheckoutAnswer::response));
    }

    /** Finishes a run whose instance stopped after writing its order, as the client's retry would, and stores its answer. */
    Uni<Void> finish(IdempotencyKeys.Stranded run) {
        boolean create = run.scope().equals(CREATE_SCOPE);
        String path = create ? "/api/v1/orders" : "/api/v1/orders/" + run.orderId() + "/payments";
        Caller customer = Caller.customer(run.customerId(), path);
        IdempotencyKeys.Claim claim = new IdempotencyKeys.Claim(run.id(), run.orderId(), null);
        return runs.run(claim, customer, create ? 201 : 200,
                () -> Uni.createFrom().failure(new IllegalStateException("a stranded run has its order"))).replaceWithVoid();
    }

    private Uni<CheckoutResponse> claimThenPlace(Caller caller, String idempotencyKey, CreateOrderRequest request, boolean gateInRun) {
        return runs.claimThenRun(caller, CREATE_SCOPE, idempotencyKey, request.hash(),
                claim -> counted(runs.run(claim, caller, 201, () -> place(claim, caller, idempotencyKey, request, gateInRun))));
    }

    private Uni<CheckoutResponse> refusedBeforeClaim(OutOfStockException refusal, Caller caller) {
        gate.countRefusal();
        return counted(Uni.createFrom().item(runs.unstoredRefusal(refusal, caller)));
    }

    /**
     * validate -> sold-out gate (unless asked before the claim) -> reserve -> charge -> settle; then a paid cart is
     * emptied. Emits the order's id.
     */
    private Uni<UUID> place(IdempotencyKeys.Claim claim, Caller caller, String idempotencyKey, CreateOrderRequest request, boolean gateInRun) {
        return validation.newOrder(caller, idempotencyKey, request)
                .call(checkout -> gateInRun ? gate.check(checkout.order().trackedLines()) : Uni.createFrom().voidItem())
                .chain(checkout -> reservation.reserve(claim, checkout.order(), request.paymentMethodId(), caller.actor())
                        .chain(payment -> charge.chargeAndSettle(payment, checkout.paymentRef(), caller.actor())))
                .call(orderId -> request.usesCart() ? clearCartIfPaid(caller, orderId) : Uni.createFrom().voidItem());
    }

    /** validate (the order is the caller's and payable) -> reserve (a new attempt) -> charge -> settle. */
    private Uni<UUID> payAgain(IdempotencyKeys.Claim claim, Caller caller, UUID orderId, UUID paymentMethodId) {
        return validation.retry(caller, orderId, paymentMethodId)
                .chain(retry -> reservation.newAttempt(claim, retry.order(), paymentMethodId, caller.actor())
                        .chain(payment -> charge.chargeAndSettle(payment, retry.paymentRef(), caller.actor())));
    }

    /** A paid cart is emptied; should Redis fail here, the order stands and the cart simply expires. */
    private Uni<Void> clearCartIfPaid(Caller caller, UUID orderId) {
        return orders.find(db, orderId).chain(order -> order.orElseThrow().isPaid() ? carts.clear(caller.id()) : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "Could not empty the cart of %s after order %s", caller.id(), orderId);
                    return Uni.createFrom().voidItem();
                });
    }

    /** {@code orderflow.checkouts} counts each new order's run by its answer; one that ended without an answer is an error. */
    private Uni<CheckoutResponse> counted(Uni<CheckoutAnswer> run) {
        return run.invoke(answer -> count(answer.outcome()))
                .onFailure().invoke(() -> count(CheckoutAnswer.Outcome.ERROR))
                .map(CheckoutAnswer::response);
    }

    private void count(CheckoutAnswer.Outcome outcome) {
        metrics.counter("orderflow.checkouts", "outcome", outcome.tag()).increment();
    }
}
