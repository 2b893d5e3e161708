package io.orderflow.cart;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/**
 * The shopping cart. Guests create one and name it in X-Cart-Id; a signed-in customer's cart
 * follows the token, and a guest cart named alongside the token is merged into it.
 */
@Path("/api/v1/cart")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cart")
@APIResponse(responseCode = "503", description = "Carts are unavailable (Redis is down)")
public class CartResource {

    static final String CART_ID = "X-Cart-Id";
    static final String CART_ID_DOC = "A guest's cart id from POST /api/v1/cart; sent with a bearer token, "
            + "that guest cart is merged into the customer's cart";

    /** The new guest cart's id, to send as X-Cart-Id. */
    public record CreatedCart(UUID cartId) {
    }

    public record SetQuantity(@NotNull @Min(1) @Max(CartService.MAX_QUANTITY) Integer quantity) {
    }

    private final CartService carts;
    private final CurrentUser user;
    private final CurrentIdentityAssociation identities;

    CartResource(CartService carts, CurrentUser user, CurrentIdentityAssociation identities) {
        this.carts = carts;
        this.user = user;
        this.identities = identities;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a guest cart", description = "Returns the id a guest sends as X-Cart-Id. The cart lives 24 h after its last change.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedCart.class)))
    @APIResponse(responseCode = "429", description = "Too many guest cart writes from this address (rate-limited), with Retry-After")
    public Uni<CreatedCart> create() {
        return carts.guestWrite(user.anonymousActor().ipAddress()).chain(carts::createGuestCart).map(CreatedCart::new);
    }

    @GET
    @Operation(summary = "Show the cart", description = "Each line shows the price seen when added, today's price and stock.")
    @APIResponse(responseCode = "200", description = "The cart", content = @Content(schema = @Schema(implementation = CartView.class)))
    @APIResponse(responseCode = "400", description = "A guest without X-Cart-Id")
    @APIResponse(responseCode = "404", description = "No such guest cart")
    public Uni<CartView> get(@Parameter(description = CART_ID_DOC) @HeaderParam(CART_ID) String cartId) {
        return cart(cartId).chain(carts::view);
    }

    @PUT
    @Path("/items/{productId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a line's quantity", description = "Adds the product, or sets the quantity of its line (1..10); the line keeps the price seen when first added.")
    @APIResponse(responseCode = "200", description = "The cart", content = @Content(schema = @Schema(implementation = CartView.class)))
    @APIResponse(responseCode = "400", description = "Quantity outside 1..10, or a guest without X-Cart-Id")
    @APIResponse(responseCode = "404", description = "No such guest cart, or the product is unknown or not for sale")
    @APIResponse(responseCode = "409", description = "A new line in a cart that already has 50 (cart-full)")
    @APIResponse(responseCode = "429", description = "Too many guest cart writes from this address (rate-limited), with Retry-After")
    public Uni<CartView> setQuantity(@Parameter(description = CART_ID_DOC) @HeaderParam(CART_ID) String cartId,
                                     @PathParam("productId") UUID productId, @Valid @NotNull SetQuantity body) {
        return cart(cartId).call(this::limitGuestWrite).chain(cart -> carts.setQuantity(cart, productId, body.quantity()));
    }

    @DELETE
    @Path("/items/{productId}")
    @Operation(summary = "Remove a line")
    @APIResponse(responseCode = "200", description = "The cart", content = @Content(schema = @Schema(implementation = CartView.class)))
    @APIResponse(responseCode = "400", description = "A guest without X-Cart-Id")
    @APIResponse(responseCode = "404", description = "No such guest cart")
    @APIResponse(responseCode = "429", description = "Too many guest cart writes from this address (rate-limited), with Retry-After")
    public Uni<CartView> removeLine(@Parameter(description = CART_ID_DOC) @HeaderParam(CART_ID) String cartId, @PathParam("productId") UUID productId) {
        return cart(cartId).call(this::limitGuestWrite).chain(cart -> carts.removeLine(cart, productId));
    }

    @DELETE
    @Operation(summary = "Empty the cart", description = "Removes every line; a guest's cart id stays valid.")
    @APIResponse(responseCode = "204", description = "Emptied")
    @APIResponse(responseCode = "400", description = "A guest without X-Cart-Id")
    @APIResponse(responseCode = "404", description = "No such guest cart")
    public Uni<Void> clear(@Parameter(description = CART_ID_DOC) @HeaderParam(CART_ID) String cartId) {
        return cart(cartId).chain(carts::clear);
    }

    /** Guests' writes are limited per IP; a signed-in customer's by the per-user write limit. */
    private Uni<Void> limitGuestWrite(CartKey cart) {
        return cart.guest() ? carts.guestWrite(user.anonymousActor().ipAddress()) : Uni.createFrom().voidItem();
    }

    /**
     * The caller's cart. With lazy authentication an endpoint open to guests gets no identity
     * unless it asks; resolving it here (without blocking) lets CurrentUser read the token.
     */
    private Uni<CartKey> cart(String cartId) {
        return identities.getDeferredIdentity().invoke(identity -> identities.setIdentity(identity)).chain(() -> user.isSignedIn()
                ? carts.customerCart(user.id(), cartId)
                : Uni.createFrom().item(() -> carts.guestCart(cartId)));
    }
}
