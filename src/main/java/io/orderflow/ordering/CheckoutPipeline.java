package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.cart.CartService;
import io.orderflow.catalog.ProductSnapshots;
import io.orderflow.identity.AccountLookup;
import io.orderflow.identity.AddressSnapshot;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockLine;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.GatewayClient;
import io.orderflow.payment.GatewayTimeoutException;
import io.orderflow.payment.GatewayUnavailableException;
import io.orderflow.payment.PaymentDeclinedException;
import io.orderflow.payment.PaymentFailure;
import io.orderflow.payment.PaymentStatus;
import io.orderflow.payment.PaymentUnavailableException;
import io.orderflow.payment.Payments;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.DomainException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.ServiceUnavailableException;
import io.orderflow.platform.TransientFailures;
import io.orderflow.platform.UnprocessableException;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The checkout (docs/architecture.md, "The checkout pipeline"): claim the idempotency key, then
 * validate -> sold-out gate -> reserve -> charge (no transaction) -> settle, and store the final
 * answer with the key so a repeated request gets the same one. A gated product answers the same
 * out-of-stock 409 the reservation would, stored with the key alike.
 * <p>
 * Faults are part of the pipeline: a step that fails with a transient database or Redis error is
 * run again from what was committed (the order the key is linked to, its attempt in flight), with
 * bounded backoff, so a restart of a few seconds ends in the client's request getting its real
 * answer. What can't finish in that time answers 503 with Retry-After, and the key is left
 * resumable at once. A run that stopped after writing its order is finished by the next request
 * with its key or by {@link StrandedCheckouts}.
 */
@ApplicationScoped
public class CheckoutPipeline {

    private static final Logger LOG = Logger.getLogger(CheckoutPipeline.class);

    static final String CREATE_SCOPE = "create-order";
    static final String PAYMENT_SCOPE_PREFIX = "order-payment:";

    /** What a run came to: the response, and whether it is final (stored with the key) or may still change. */
    private record Decision(CheckoutResponse response, boolean isFinal) {
    }

    private final Pool db;
    private final IdempotencyKeys keys;
    private final Orders orders;
    private final Payments payments;
    private final ProductSnapshots catalog;
    private final StockReservations stock;
    private final SoldOutGate gate;
    private final AccountLookup accounts;
    private final CartService carts;
    private final GatewayClient gateway;
    private final OrderSettlement settlement;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final CheckoutConfig config;

    CheckoutPipeline(Pool db, IdempotencyKeys keys, Orders orders, Payments payments, ProductSnapshots catalog,
                     StockReservations stock, SoldOutGate gate, AccountLookup accounts, CartService carts, GatewayClient gateway,
                     OrderSettlement settlement, MeterRegistry metrics, ObjectMapper json, CheckoutConfig config) {
        this.db = db;
        this.keys = keys;
        this.orders = orders;
        this.payments = payments;
        this.catalog = catalog;
        this.stock = stock;
        this.gate = gate;
        this.accounts = accounts;
        this.carts = carts;
        this.gateway = gateway;
        this.settlement = settlement;
        this.metrics = metrics;
        this.json = json;
        this.config = config;
    }

    /** POST /orders: 201 with the confirmed order, or a stored 402 / 409 / 503 problem. */
    public Uni<CheckoutResponse> placeOrder(Caller caller, String idempotencyKey, CreateOrderRequest request) {
        return absorbingTransientFailures(() -> keys.claim(caller.id(), CREATE_SCOPE, idempotencyKey, request.hash()))
                .chain(claim -> claim.isReplay()
                        ? Uni.createFrom().item(claim.replay())
                        : runClaimed(claim, caller, 201, () -> place(claim, caller, idempotencyKey, request))
                                .invoke(this::countCheckout)
                                .onFailure().invoke(() -> countCheckout(null)))
                .onFailure(TransientFailures::isTransient).transform(CheckoutPipeline::unavailable);
    }

    /** POST /orders/{id}/payments: another attempt for a PENDING order that still holds its stock. */
    public Uni<CheckoutResponse> retryPayment(Caller caller, UUID orderId, String idempotencyKey, UUID paymentMethodId) {
        String hash = CreateOrderRequest.sha256(paymentMethodId.toString());
        return absorbingTransientFailures(() -> keys.claim(caller.id(), PAYMENT_SCOPE_PREFIX + orderId, idempotencyKey, hash))
                .chain(claim -> claim.isReplay()
                        ? Uni.createFrom().item(claim.replay())
                        : runClaimed(claim, caller, 200, () -> payAgain(claim, caller, orderId, paymentMethodId)))
                .onFailure(TransientFailures::isTransient).transform(CheckoutPipeline::unavailable);
    }

    /** Finishes a run whose instance stopped after writing its order, as the client's retry would, and stores its answer. */
    Uni<Void> finish(IdempotencyKeys.Stranded run) {
        boolean create = run.scope().equals(CREATE_SCOPE);
        String path = create ? "/api/v1/orders" : "/api/v1/orders/" + run.orderId() + "/payments";
        Caller customer = Caller.customer(run.customerId(), path);
        IdempotencyKeys.Claim claim = new IdempotencyKeys.Claim(run.id(), run.orderId(), null);
        return runClaimed(claim, customer, create ? 201 : 200,
                () -> Uni.createFrom().failure(new IllegalStateException("a stranded run has its order"))).replaceWithVoid();
    }

    /**
     * Runs the claimed request and stores its final answer. A transient failure runs it again from
     * what was committed; a failure that is not an answer (validation, the time budget spent) gives
     * the key back so the client can retry, and an answer that may still change (a charge whose
     * outcome is unknown) is sent without being stored.
     */
    private Uni<CheckoutResponse> runClaimed(IdempotencyKeys.Claim claim, Caller caller, int successStatus, Supplier<Uni<UUID>> firstRun) {
        AtomicBoolean started = new AtomicBoolean();
        Supplier<Uni<UUID>> run = () -> !started.getAndSet(true) && claim.orderId() == null
                ? firstRun.get()
                : keys.linkedOrder(claim.id()).chain(order -> order.isPresent() ? resume(order.get(), caller) : firstRun.get());
        return absorbingTransientFailures(() -> run.get().chain(orderId -> orders.find(db, orderId)))
                .map(order -> decide(order.orElseThrow(), successStatus, caller))
                .onFailure(OutOfStockException.class).recoverWithItem(e -> new Decision(problem((DomainException) e, caller), true))
                .call(decision -> decision.isFinal()
                        ? absorbingTransientFailures(() -> keys.complete(claim.id(), decision.response()))
                        : keys.release(claim.id()))
                .map(Decision::response)
                .onFailure().call(() -> keys.release(claim.id()));
    }

    private Uni<UUID> place(IdempotencyKeys.Claim claim, Caller caller, String idempotencyKey, CreateOrderRequest request) {
        return addressesOf(caller, request)
                .chain(addresses -> paymentMethodRef(caller.id(), request.paymentMethodId())
                        .chain(paymentRef -> linesOf(caller, request)
                                .chain(lines -> price(caller, idempotencyKey, request, lines, addresses))
                                .call(order -> gate.check(tracked(order)))
                                .chain(order -> reserve(claim, order, request.paymentMethodId(), caller))
                                .chain(payment -> chargeAndSettle(payment, paymentRef, caller))))
                .call(orderId -> request.usesCart() ? clearCartIfPaid(caller, orderId) : Uni.createFrom().voidItem());
    }

    /** A paid cart is emptied; should Redis fail here, the order stands and the cart simply expires. */
    private Uni<Void> clearCartIfPaid(Caller caller, UUID orderId) {
        return orders.find(db, orderId).chain(order -> order.orElseThrow().isPaid() ? carts.clear(caller.id()) : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "Could not empty the cart of %s after order %s", caller.id(), orderId);
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<UUID> payAgain(IdempotencyKeys.Claim claim, Caller caller, UUID orderId, UUID paymentMethodId) {
        return orders.find(db, orderId)
                .map(found -> found.filter(order -> order.customerId().equals(caller.id()))
                        .orElseThrow(() -> new NotFoundException("Order")))
                .call(order -> orders.isPayable(db, orderId).invoke(payable -> {
                    if (!payable) {
                        throw new ConflictException("order-not-payable",
                                "Only a pending order that still holds its stock can be paid", Map.of("orderId", orderId, "orderStatus", order.status().value()));
                    }
                }))
                .chain(order -> paymentMethodRef(caller.id(), paymentMethodId)
                        .chain(paymentRef -> db.withTransaction(tx -> payments.insertPending(tx, orderId, paymentMethodId,
                                                order.totalCents(), order.currency(), caller.actor())
                                        .call(() -> keys.linkOrder(tx, claim.id(), orderId)))
                                .onFailure(PgException.class).transform(e -> paymentInFlight(e, orderId))
                                .chain(payment -> chargeAndSettle(payment, paymentRef, caller))));
    }

    /**
     * Continues a run that stopped after writing its order. An attempt left in flight or unknown is
     * charged again under its own gateway key while the order still waits for it (the gateway
     * answers a charge it already made with that charge, so this is charge-or-ask in one call);
     * for an order given up meanwhile, the gateway is only asked.
     */
    private Uni<UUID> resume(UUID orderId, Caller caller) {
        return payments.unsettledOf(db, orderId).chain(unsettled -> unsettled.isEmpty()
                ? Uni.createFrom().item(orderId)
                : orders.find(db, orderId).map(Optional::orElseThrow).chain(order -> order.status() == OrderStatus.PENDING
                        ? paymentMethodRef(order.customerId(), unsettled.get().paymentMethodId())
                                .chain(paymentRef -> chargeAndSettle(unsettled.get(), paymentRef, caller))
                        : askGateway(unsettled.get(), caller)));
    }

    private Uni<UUID> askGateway(Payments.Payment payment, Caller caller) {
        return gateway.findCharge(payment.gatewayIdempotencyKey())
                .chain(charge -> charge.isPresent()
                        ? settlement.settle(payment.id(), charge.get(), caller.actor())
                        : settlement.failed(payment.id(), PaymentFailure.NOT_RECEIVED, caller.actor()))
                .onFailure(GatewayUnavailableException.class).recoverWithNull()
                .replaceWith(payment.orderId());
    }

    /** Both addresses, which must be the caller's own, as they read now (the order keeps this snapshot). */
    private Uni<Map<UUID, AddressSnapshot>> addressesOf(Caller caller, CreateOrderRequest request) {
        Set<UUID> ids = new HashSet<>(List.of(request.shippingAddressId(), request.billingAddressId()));
        return accounts.addresses(caller.id(), ids).invoke(found -> {
            if (!found.containsKey(request.shippingAddressId()) || !found.containsKey(request.billingAddressId())) {
                throw new UnprocessableException("unknown-address", "The shipping and billing addresses must be your own");
            }
        });
    }

    private Uni<String> paymentMethodRef(UUID customerId, UUID paymentMethodId) {
        return accounts.paymentMethodRef(customerId, paymentMethodId).map(ref -> ref.orElseThrow(() ->
                new UnprocessableException("unknown-payment-method", "The payment method must be one of your own")));
    }

    private Uni<List<StockLine>> linesOf(Caller caller, CreateOrderRequest request) {
        if (!request.usesCart()) {
            return Uni.createFrom().item(request.lines());
        }
        return carts.checkoutLines(caller.id()).invoke(lines -> {
            if (lines.isEmpty()) {
                throw new UnprocessableException("empty-cart", "Your cart is empty");
            }
        });
    }

    /** Prices the lines from the catalog: flat shipping and a basis-point tax rate, both configured. */
    private Uni<Orders.NewOrder> price(Caller caller, String idempotencyKey, CreateOrderRequest request, List<StockLine> lines,
                                       Map<UUID, AddressSnapshot> addresses) {
        List<UUID> ids = lines.stream().map(StockLine::productId).toList();
        return catalog.forSale(db, ids).map(products -> {
            Set<UUID> unknown = new HashSet<>(ids);
            unknown.removeAll(products.keySet());
            if (!unknown.isEmpty()) {
                throw new UnknownProductsException(unknown);
            }
            Set<String> currencies = new HashSet<>();
            products.values().forEach(product -> currencies.add(product.currency()));
            if (currencies.size() > 1) {
                throw new UnprocessableException("mixed-currencies", "All products of one order must be priced in one currency");
            }
            List<Orders.NewLine> priced = lines.stream().map(line -> new Orders.NewLine(products.get(line.productId()), line.quantity())).toList();
            long subtotal = priced.stream().mapToLong(Orders.NewLine::lineTotalCents).sum();
            long tax = Math.round(subtotal * config.taxBasisPoints() / 10_000.0);
            return new Orders.NewOrder(UUID.randomUUID(), caller.id(), idempotencyKey, priced, subtotal, config.shippingFlatCents(), tax,
                    currencies.iterator().next(), request.shippingAddressId(), request.billingAddressId(),
                    addresses.get(request.shippingAddressId()), addresses.get(request.billingAddressId()));
        });
    }

    /**
     * The reserve step: the PENDING order, its lines, the stock it holds and its PENDING payment commit together.
     * A shortage closes the sold-out gate of what the database saw at 0, once the transaction has rolled back.
     */
    private Uni<Payments.Payment> reserve(IdempotencyKeys.Claim claim, Orders.NewOrder order, UUID paymentMethodId, Caller caller) {
        List<StockLine> tracked = tracked(order);
        Instant expiresAt = Instant.now().plus(config.reservationTtl());
        return db.withTransaction(tx -> orders.insert(tx, order, caller.actor())
                        .call(() -> tracked.isEmpty() ? Uni.createFrom().voidItem() : stock.reserve(tx, order.id(), tracked, expiresAt))
                        .chain(() -> payments.insertPending(tx, order.id(), paymentMethodId, order.totalCents(), order.currency(), caller.actor()))
                        .call(() -> keys.linkOrder(tx, claim.id(), order.id())))
                .onFailure(OutOfStockException.class).call(shortage -> gate.close((OutOfStockException) shortage))
                .onFailure(CheckoutPipeline::isKeyAlreadyUsed).recoverWithUni(() -> keys.orderPredatesClaim(claim.id())
                        .chain(expired -> Uni.createFrom().<Payments.Payment>failure(expired ? keyExpired() : IdempotencyKeys.inFlight())));
    }

    /** The lines whose stock is counted; digital goods sold without stock are not. */
    private static List<StockLine> tracked(Orders.NewOrder order) {
        return order.lines().stream()
                .filter(line -> line.product().trackInventory())
                .map(line -> new StockLine(line.product().id(), line.quantity()))
                .toList();
    }

    /**
     * The charge step, outside any transaction, then settle. A gateway that stays down fails the
     * attempt cleanly (the order may be paid again); one that did not answer leaves it UNKNOWN.
     */
    private Uni<UUID> chargeAndSettle(Payments.Payment payment, String paymentRef, Caller caller) {
        return gateway.charge(payment, paymentRef)
                .chain(result -> settlement.settle(payment.id(), result, caller.actor()))
                .onFailure(GatewayUnavailableException.class)
                .recoverWithUni(() -> settlement.failed(payment.id(), PaymentFailure.PROCESSING_ERROR, caller.actor()))
                .onFailure(GatewayTimeoutException.class)
                .recoverWithUni(() -> settlement.unknown(payment.id(), caller.actor()))
                .replaceWith(payment.orderId());
    }

    /** The order's state is the answer: paid, declined, processor down, given up meanwhile, or not decided yet. */
    private Decision decide(OrderView order, int successStatus, Caller caller) {
        if (order.isPaid()) {
            return new Decision(CheckoutResponse.of(successStatus, order, json), true);
        }
        if (order.status() == OrderStatus.CANCELLED) {
            return new Decision(problem(new ConflictException("order-cancelled", "The order was cancelled: " + order.cancellationReason(),
                    Map.of("orderId", order.id())), caller), true);
        }
        OrderView.PaymentSummary payment = order.payment();
        if (payment != null && payment.status() == PaymentStatus.FAILED) {
            DomainException failure = PaymentFailure.PROCESSING_ERROR.is(payment.failureReason())
                    ? new PaymentUnavailableException(order.id())
                    : new PaymentDeclinedException(order.id(), payment.failureReason());
            return new Decision(problem(failure, caller), true);
        }
        return new Decision(problem(new PaymentUnavailableException(order.id()), caller), false);
    }

    private CheckoutResponse problem(DomainException failure, Caller caller) {
        return CheckoutResponse.problem(failure, caller.path(), caller.requestId(), json);
    }

    /** Runs the step again on a transient failure, with bounded backoff, for at most the configured budget. */
    private <T> Uni<T> absorbingTransientFailures(Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(step::get)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.transientRetry().initialBackoff(), config.transientRetry().maxBackoff())
                .expireIn(config.transientRetry().budget().toMillis());
    }

    private static ServiceUnavailableException unavailable(Throwable failure) {
        LOG.warnf("Checkout could not finish (%s); answering 503, the key stays resumable", failure.toString());
        return new ServiceUnavailableException("The order could not be completed now; retry the same request with the same Idempotency-Key");
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

    private void countCheckout(CheckoutResponse response) {
        String outcome = response == null ? "error" : switch (response.status()) {
            case 201 -> "confirmed";
            case 402 -> "declined";
            case 409 -> response.body().getString("type", "").endsWith("/out-of-stock") ? "out_of_stock" : "error";
            default -> "error";
        };
        metrics.counter("orderflow.checkouts", "outcome", outcome).increment();
    }
}
