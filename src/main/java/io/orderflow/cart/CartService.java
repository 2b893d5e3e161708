package io.orderflow.cart;

import io.orderflow.platform.RateLimiter;
import io.orderflow.catalog.ProductSnapshot;
import io.orderflow.catalog.ProductSnapshots;
import io.orderflow.identity.GuestCarts;
import io.orderflow.inventory.StockLine;
import io.orderflow.inventory.StockReservations;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.ClientAddresses;
import io.orderflow.platform.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Carts for guests and customers: lines with the price seen when added, shown against today's
 * price and stock. Checkout reads and clears a customer's cart; login merges a guest cart in.
 */
@ApplicationScoped
public class CartService implements GuestCarts {

    public static final int MAX_QUANTITY = 10;
    /** Lines a cart may hold: the most an order takes (CreateOrderRequest's items), so any cart can be checked out. */
    public static final int MAX_LINES = 50;

    private final CartStore store;
    private final ProductSnapshots products;
    private final StockReservations stock;
    private final Pool db;
    private final RateLimiter limiter;
    private final RateLimiter.Limit guestWritesPerIp;

    CartService(CartStore store, ProductSnapshots products, StockReservations stock, Pool db, RateLimiter limiter, CartConfig config) {
        this.limiter = limiter;
        this.guestWritesPerIp = new RateLimiter.Limit("cart-guest-ip", config.guestWritesPerIpPermits(), config.guestWritesPerIpWindow());
        this.store = store;
        this.products = products;
        this.stock = stock;
        this.db = db;
    }

    /** The signed-in customer's cart lines in product-id order; empty when there is no cart. */
    public Uni<List<StockLine>> checkoutLines(UUID userId) {
        return store.read(CartKey.user(userId))
                .map(cart -> cart.orElse(Map.of()).entrySet().stream()
                        .map(line -> new StockLine(line.getKey(), line.getValue().quantity()))
                        .sorted(Comparator.comparing(StockLine::productId))
                        .toList());
    }

    /** Empties the customer's cart (after checkout). */
    public Uni<Void> clear(UUID userId) {
        return store.clearLines(CartKey.user(userId)).replaceWithVoid();
    }

    /**
     * Adds a guest cart into the customer's cart (quantities add, capped at {@value #MAX_QUANTITY}; lines
     * past {@value #MAX_LINES} in all are left out) and deletes it. An id that names no guest cart (expired, already merged, malformed) changes
     * nothing, so a stale X-Cart-Id never fails a login.
     */
    @Override
    public Uni<Void> mergeGuestCart(UUID userId, String guestCartId) {
        return parseCartId(guestCartId)
                .map(cartId -> store.merge(CartKey.guest(cartId), CartKey.user(userId), MAX_QUANTITY, MAX_LINES).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** One guest cart write from this address (an IPv6 client's /64); over the limit fails with 429 rate-limited (fails open without Redis). */
    Uni<Void> guestWrite(String ip) {
        return limiter.acquire(guestWritesPerIp, ClientAddresses.limitKey(ip));
    }

    Uni<UUID> createGuestCart() {
        UUID cartId = UUID.randomUUID();
        return store.create(CartKey.guest(cartId)).replaceWith(cartId);
    }

    /** The guest cart an X-Cart-Id header names; whether it exists is checked by each operation. */
    CartKey guestCart(String cartIdHeader) {
        if (cartIdHeader == null || cartIdHeader.isBlank()) {
            throw new BadRequestException("cart-id-required", "Send X-Cart-Id (from POST /api/v1/cart) or sign in");
        }
        return parseCartId(cartIdHeader).map(CartKey::guest).orElseThrow(() -> new NotFoundException("Cart"));
    }

    /** The signed-in customer's cart, with the guest cart the request also names merged in first. */
    Uni<CartKey> customerCart(UUID userId, String guestCartId) {
        return mergeGuestCart(userId, guestCartId).replaceWith(CartKey.user(userId));
    }

    Uni<CartView> view(CartKey cart) {
        return store.read(cart)
                .invoke(stored -> requireCart(cart, stored.isPresent()))
                .chain(stored -> describe(stored.orElse(Map.of())));
    }

    /** Sets a line's quantity; a new line records today's price as the price seen. */
    Uni<CartView> setQuantity(CartKey cart, UUID productId, int quantity) {
        return forSale(productId)
                .chain(product -> store.putLine(cart, productId,
                        new CartStore.StoredLine(quantity, product.priceCents(), product.currency(), Instant.now()), MAX_LINES))
                .invoke(found -> requireCart(cart, found))
                .chain(() -> view(cart));
    }

    Uni<CartView> removeLine(CartKey cart, UUID productId) {
        return store.removeLine(cart, productId)
                .invoke(found -> requireCart(cart, found))
                .chain(() -> view(cart));
    }

    Uni<Void> clear(CartKey cart) {
        return store.clearLines(cart)
                .invoke(found -> requireCart(cart, found))
                .replaceWithVoid();
    }

    private Uni<ProductSnapshot> forSale(UUID productId) {
        return products.forSale(db, List.of(productId))
                .map(found -> Optional.ofNullable(found.get(productId)).orElseThrow(() -> new NotFoundException("Product")));
    }

    private Uni<CartView> describe(Map<UUID, CartStore.StoredLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(new CartView(List.of()));
        }
        return Uni.combine().all()
                .unis(products.forSale(db, lines.keySet()), stock.available(db, lines.keySet()))
                .with((forSale, available) -> new CartView(lines.entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<UUID, CartStore.StoredLine> line) -> line.getValue().addedAt())
                                .thenComparing(Map.Entry::getKey))
                        .map(line -> line(line.getKey(), line.getValue(), forSale.get(line.getKey()), available.get(line.getKey())))
                        .toList()));
    }

    /** One line as shown; {@code product} is null once it is no longer for sale. */
    private static CartView.Line line(UUID productId, CartStore.StoredLine stored, ProductSnapshot product, Integer available) {
        if (product == null) {
            return new CartView.Line(productId, null, null, stored.quantity(), stored.priceSeenCents(), null,
                    stored.currency(), false, false, null, false);
        }
        Integer units = product.trackInventory() ? Optional.ofNullable(available).orElse(0) : null;
        boolean inStock = units == null || units >= stored.quantity();
        return new CartView.Line(productId, product.sku(), product.name(), stored.quantity(), stored.priceSeenCents(),
                product.priceCents(), product.currency(), product.priceCents() != stored.priceSeenCents(), true, units, inStock);
    }

    private static void requireCart(CartKey cart, boolean found) {
        if (!found && cart.guest()) {
            throw new NotFoundException("Cart");
        }
    }

    private static Optional<UUID> parseCartId(String cartId) {
        try {
            return cartId == null ? Optional.empty() : Optional.of(UUID.fromString(cartId.trim()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
