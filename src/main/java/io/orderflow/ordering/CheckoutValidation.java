package io.orderflow.ordering;

import io.orderflow.cart.CartService;
import io.orderflow.catalog.ProductSnapshots;
import io.orderflow.inventory.StockLine;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.UnprocessableException;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The validate step of the checkout (docs/architecture.md): the addresses and the card are the caller's
 * ({@link OwnershipChecks}), the lines (given, or the cart's) name products on sale in one currency, and
 * the order is priced from the catalog ({@link Pricing}). Nothing is written.
 */
@ApplicationScoped
class CheckoutValidation {

    /** A new order that may be placed: what to write, and the card's processor reference to charge. */
    record NewCheckout(Orders.NewOrder order, String paymentRef) {
    }

    /** Another attempt that may go ahead: the pending order, and the card's processor reference to charge. */
    record Retry(OrderView order, String paymentRef) {
    }

    private final Pool db;
    private final OwnershipChecks ownership;
    private final CartService carts;
    private final ProductSnapshots catalog;
    private final Orders orders;
    private final Pricing pricing;

    CheckoutValidation(Pool db, OwnershipChecks ownership, CartService carts, ProductSnapshots catalog, Orders orders,
                       CheckoutConfig config) {
        this.db = db;
        this.ownership = ownership;
        this.carts = carts;
        this.catalog = catalog;
        this.orders = orders;
        this.pricing = Pricing.of(config);
    }

    Uni<NewCheckout> newOrder(Caller caller, String idempotencyKey, CreateOrderRequest request) {
        return ownership.addresses(caller.id(), request.shippingAddressId(), request.billingAddressId())
                .chain(addresses -> ownership.paymentMethodRef(caller.id(), request.paymentMethodId())
                        .chain(paymentRef -> linesOf(caller, request)
                                .chain(this::price)
                                .map(priced -> new NewCheckout(newOrder(caller, idempotencyKey, request, addresses, priced), paymentRef))));
    }

    /** Another attempt: the order is the caller's, still pending and holding its stock, and the card is theirs. */
    Uni<Retry> retry(Caller caller, UUID orderId, UUID paymentMethodId) {
        return ownership.order(caller.id(), orderId)
                .call(order -> orders.isPayable(db, orderId).invoke(payable -> {
                    if (!payable) {
                        throw new ConflictException("order-not-payable", "Only a pending order that still holds its stock can be paid",
                                Map.of("orderId", orderId, "orderStatus", order.status().value()));
                    }
                }))
                .chain(order -> ownership.paymentMethodRef(caller.id(), paymentMethodId).map(paymentRef -> new Retry(order, paymentRef)));
    }

    private Uni<List<StockLine>> linesOf(Caller caller, CreateOrderRequest request) {
        if (!request.usesCart()) {
            return Uni.createFrom().item(request.lines());
        }
        return carts.checkoutLines(caller.id()).invoke(lines -> {
            if (lines.isEmpty()) {
                throw new UnprocessableException("empty-cart", "Your cart is empty");
            }
            if (lines.size() > CartService.MAX_LINES) {
                // Carts are capped at the same number; one filled before the cap existed is refused, not cut short.
                throw new UnprocessableException("too-many-lines",
                        "Your cart has " + lines.size() + " lines; an order takes at most " + CartService.MAX_LINES);
            }
        });
    }

    /** Prices the lines from what the catalog has on sale now. */
    private Uni<Pricing.Priced> price(List<StockLine> lines) {
        return catalog.forSale(db, lines.stream().map(StockLine::productId).toList()).map(forSale -> pricing.price(forSale, lines));
    }

    private static Orders.NewOrder newOrder(Caller caller, String idempotencyKey, CreateOrderRequest request,
                                            OwnershipChecks.Addresses addresses, Pricing.Priced priced) {
        return new Orders.NewOrder(UUID.randomUUID(), caller.id(), idempotencyKey, priced.lines(), priced.subtotalCents(),
                priced.shippingCents(), priced.taxCents(), priced.currency(), request.shippingAddressId(), request.billingAddressId(),
                addresses.shipping(), addresses.billing());
    }
}
