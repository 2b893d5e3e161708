package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.cart.CartService;
import io.orderflow.catalog.ProductSnapshots;
import io.orderflow.identity.AccountLookup;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.inventory.SoldOutGate;
import io.orderflow.inventory.StockLine;
import io.orderflow.inventory.StockReservations;
import io.orderflow.payment.GatewayUnavailableException;
import io.orderflow.payment.PaymentCharger;
import io.orderflow.payment.PaymentDeclinedException;
import io.orderflow.payment.PaymentUnavailableException;
import io.orderflow.payment.Payments;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.DomainException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The checkout (DESIGN.md, "The checkout pipeline"): claim the idempotency key, then
 * validate -> sold-out gate -> reserve (transaction 1) -> charge (no transaction) -> settle (transaction 2),
 * and store the final answer with the key so a repeated request gets the same one. A gated
 * product answers the same out-of-stock 409 transaction 1 would, stored with the key alike.
 */
@ApplicationScoped
public class CheckoutPipeline {

    private static final Logger LOG = Logger.getLogger(CheckoutPipeline.class);

    static final String CREATE_SCOPE = "create-order";

    private final Pool db;
    private final IdempotencyKeys keys;
    private final Orders orders;
    private final Payments payments;
    private final ProductSnapshots catalog;
    private final StockReservations stock;
    private final SoldOutGate gate;
    private final AccountLookup accounts;
    private final CartService carts;
    private final PaymentCharger charger;
    private final OrderSettlement settlement;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Duration reservationTtl;
    private final long shippingFlatCents;
    private final int taxBasisPoints;

    CheckoutPipeline(Pool db, IdempotencyKeys keys, Orders orders, Payments payments, ProductSnapshots catalog,
                     StockReservations stock, SoldOutGate gate, AccountLookup accounts, CartService carts, PaymentCharger charger,
                     OrderSettlement settlement, MeterRegistry metrics, ObjectMapper json,
                     @ConfigProperty(name = "orderflow.checkout.reservation-ttl") Duration reservationTtl,
                     @ConfigProperty(name = "orderflow.checkout.shipping-flat-cents") long shippingFlatCents,
                     @ConfigProperty(name = "orderflow.checkout.tax-basis-points") int taxBasisPoints) {
        this.db = db;
        this.keys = keys;
        this.orders = orders;
        this.payments = payments;
        this.catalog = catalog;
        this.stock = stock;
        this.gate = gate;
        this.accounts = accounts;
        this.carts = carts;
        this.charger = charger;
        this.settlement = settlement;
        this.metrics = metrics;
        this.json = json;
        this.reservationTtl = reservationTtl;
        this.shippingFlatCents = shippingFlatCents;
        this.taxBasisPoints = taxBasisPoints;
    }

    /** POST /orders: 201 with the confirmed order, or a stored 402 / 409 / 503 problem. */
    public Uni<CheckoutResponse> placeOrder(Caller caller, String idempotencyKey, CreateOrderRequest request) {
        return keys.claim(caller.id(), CREATE_SCOPE, idempotencyKey, request.hash()).chain(claim -> claim.isReplay()
                ? Uni.createFrom().item(claim.replay())
                : runClaimed(claim, caller, 201, () -> claim.orderId() != null
                        ? resume(claim.orderId(), caller)
                        : place(claim, caller, idempotencyKey, request))
                        .invoke(response -> countCheckout(response))
                        .onFailure().invoke(() -> countCheckout(null)));
    }

    /** POST /orders/{id}/payments: another attempt for a PENDING order that still holds its stock. */
    public Uni<CheckoutResponse> retryPayment(Caller caller, UUID orderId, String idempotencyKey, UUID paymentMethodId) {
        String scope = "order-payment:" + orderId;
        String hash = CreateOrderRequest.sha256(paymentMethodId.toString());
        return keys.claim(caller.id(), scope, idempotencyKey, hash).chain(claim -> claim.isReplay()
                ? Uni.createFrom().item(claim.replay())
                : runClaimed(claim, caller, 200, () -> claim.orderId() != null
                        ? resume(claim.orderId(), caller)
                        : payAgain(claim, caller, orderId, paymentMethodId)));
    }

    /**
     * Runs the claimed request and stores its final answer. A failure that is not a final answer
     * (validation, a crash) gives the key back so the client can retry.
     */
    private Uni<CheckoutResponse> runClaimed(IdempotencyKeys.Claim claim, Caller caller, int successStatus, Supplier<Uni<UUID>> work) {
        return work.get()
                .chain(orderId -> orders.find(db, orderId).map(found -> answer(found.orElseThrow(), successStatus, caller)))
                .onFailure(OutOfStockException.class).recoverWithItem(e -> CheckoutResponse.problem((DomainException) e, caller.path(), caller.requestId(), json))
                .call(response -> keys.complete(claim.id(), response))
                .onFailure().call(() -> keys.release(claim.id()));
    }

    private Uni<UUID> place(IdempotencyKeys.Claim claim, Caller caller, String idempotencyKey, CreateOrderRequest request) {
        return checkAddresses(caller, request)
                .chain(() -> paymentMethodRef(caller.id(), request.paymentMethodId()))
                .chain(paymentRef -> linesOf(caller, request)
                        .chain(lines -> price(caller, idempotencyKey, request, lines))
                        .call(order -> gate.check(tracked(order)))
                        .chain(order -> reserve(claim, order, request.paymentMethodId(), caller))
                        .chain(payment -> chargeAndSettle(payment, paymentRef, caller)))
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
                                "Only a pending order that still holds its stock can be paid", Map.of("orderId", orderId, "orderStatus", order.status()));
                    }
                }))
                .chain(order -> paymentMethodRef(caller.id(), paymentMethodId)
                        .chain(paymentRef -> db.withTransaction(tx -> payments.insertPending(tx, orderId, paymentMethodId,
                                                order.totalCents(), order.currency(), caller.actor())
                                        .call(() -> keys.linkOrder(tx, claim.id(), orderId)))
                                .onFailure(PgException.class).transform(e -> paymentInFlight(e, orderId))
                                .chain(payment -> chargeAndSettle(payment, paymentRef, caller))));
    }

    /** Continues a run whose instance died: charges the attempt it left pending, if any, then answers from the order. */
    private Uni<UUID> resume(UUID orderId, Caller caller) {
        return payments.pendingOf(db, orderId).chain(pending -> pending.isEmpty()
                ? Uni.createFrom().item(orderId)
                : orders.find(db, orderId).chain(order -> paymentMethodRef(order.orElseThrow().customerId(), pending.get().paymentMethodId()))
                        .chain(paymentRef -> chargeAndSettle(pending.get(), paymentRef, caller)));
    }

    private Uni<Void> checkAddresses(Caller caller, CreateOrderRequest request) {
        return accounts.ownsAddress(caller.id(), request.shippingAddressId())
                .chain(shipping -> accounts.ownsAddress(caller.id(), request.billingAddressId())
                        .invoke(billing -> {
                            if (!shipping || !billing) {
                                throw new UnprocessableException("unknown-address", "The shipping and billing addresses must be your own");
                            }
                        }))
                .replaceWithVoid();
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
    private Uni<Orders.NewOrder> price(Caller caller, String idempotencyKey, CreateOrderRequest request, List<StockLine> lines) {
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
            long tax = Math.round(subtotal * taxBasisPoints / 10_000.0);
            return new Orders.NewOrder(UUID.randomUUID(), caller.id(), idempotencyKey, priced, subtotal, shippingFlatCents, tax,
                    currencies.iterator().next(), request.shippingAddressId(), request.billingAddressId());
        });
    }

    /**
     * Transaction 1: the PENDING order, its lines, the stock it holds and its PENDING payment commit together.
     * A shortage closes the sold-out gate of what the database saw at 0, once the transaction has rolled back.
     */
    private Uni<Payments.Payment> reserve(IdempotencyKeys.Claim claim, Orders.NewOrder order, UUID paymentMethodId, Caller caller) {
        List<StockLine> tracked = tracked(order);
        Instant expiresAt = Instant.now().plus(reservationTtl);
        return db.withTransaction(tx -> orders.insert(tx, order, caller.actor())
                        .call(() -> tracked.isEmpty() ? Uni.createFrom().voidItem() : stock.reserve(tx, order.id(), tracked, expiresAt))
                        .chain(() -> payments.insertPending(tx, order.id(), paymentMethodId, order.totalCents(), order.currency(), caller.actor()))
                        .call(() -> keys.linkOrder(tx, claim.id(), order.id())))
                .onFailure(OutOfStockException.class).call(shortage -> gate.close((OutOfStockException) shortage));
    }

    /** The lines whose stock is counted; digital goods sold without stock are not. */
    private static List<StockLine> tracked(Orders.NewOrder order) {
        return order.lines().stream()
                .filter(line -> line.product().trackInventory())
                .map(line -> new StockLine(line.product().id(), line.quantity()))
                .toList();
    }

    /** Charges outside any transaction, then transaction 2. A gateway that stays down fails the attempt cleanly. */
    private Uni<UUID> chargeAndSettle(Payments.Payment payment, String paymentRef, Caller caller) {
        return charger.charge(payment, paymentRef)
                .chain(result -> settlement.settle(payment.id(), result, caller.actor()))
                .onFailure(GatewayUnavailableException.class)
                .recoverWithUni(() -> settlement.failed(payment.id(), "processing_error", caller.actor()))
                .replaceWith(payment.orderId());
    }

    /** The order's state is the answer: paid, declined, processor down, or given up meanwhile. */
    private CheckoutResponse answer(OrderView order, int successStatus, Caller caller) {
        if (order.isPaid()) {
            return CheckoutResponse.of(successStatus, order, json);
        }
        DomainException problem;
        if (order.status().equals("cancelled")) {
            problem = new ConflictException("order-cancelled", "The order was cancelled: " + order.cancellationReason(),
                    Map.of("orderId", order.id()));
        } else if (order.payment() != null && order.payment().status().equals("failed")
                && !order.payment().failureReason().equals("processing_error")) {
            problem = new PaymentDeclinedException(order.id(), order.payment().failureReason());
        } else {
            problem = new PaymentUnavailableException(order.id());
        }
        return CheckoutResponse.problem(problem, caller.path(), caller.requestId(), json);
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
