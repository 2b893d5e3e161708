package io.orderflow.ordering;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Orders: checkout, the customer's own orders, payment retries, cancellation, and staff refunds. */
@Path("/api/v1/orders")
@Tag(name = "Orders")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Body of a payment retry. */
    @Schema(name = "PayOrder")
    public record PayOrder(@NotNull UUID paymentMethodId) {
    }

    /** Body of a cancellation; the reason is optional. */
    @Schema(name = "CancelOrder")
    public record CancelOrder(@Size(max = 255) String reason) {
    }

    /** Body of a staff refund. */
    @Schema(name = "RefundOrder")
    public record RefundOrder(@NotNull @Min(1) @Max(100_000_000_000L) Long amountCents, @Size(max = 500) String reason) {
    }

    private final CheckoutPipeline checkout;
    private final OrderService orders;
    private final CurrentUser user;

    OrderResource(CheckoutPipeline checkout, OrderService orders, CurrentUser user) {
        this.checkout = checkout;
        this.orders = orders;
        this.user = user;
    }

    @POST
    @Operation(summary = "Check out", description = """
            Places and pays an order for the given lines (or the caller's cart). Prices, totals and status come from
            the server; shipping is a configured flat amount (orderflow.checkout.shipping-flat-cents, default 0) and tax a
            configured rate in basis points of the subtotal (orderflow.checkout.tax-basis-points, default 0). The
            Idempotency-Key makes the request safe to repeat: the same key and body replay the first answer (201, 402,
            409 out-of-stock; a 409 given by the flash-sale sold-out gate before anything was written is not stored, so
            the key may run again), a different body answers 422, a duplicate still in flight 409 with Retry-After. A 503 with
            Retry-After means the server could not finish now (database, cache or payment processor away): send the same
            request with the same key after that many seconds and it resumes where it stopped.""")
    @APIResponse(responseCode = "201", description = "Paid: the order is CONFIRMED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "402", description = "Declined (type payment-declined): the order stays PENDING with its stock until the reservation expires; orderId and reason in the body")
    @APIResponse(responseCode = "409", description = "out-of-stock (lines listed, nothing reserved or charged), or idempotency-in-flight (Retry-After)")
    @APIResponse(responseCode = "422", description = "Unknown products, someone else's address or payment method, empty cart, the key reused with another body, or an expired key reused (idempotency-key-expired)")
    @APIResponse(responseCode = "503", description = "Not finished now (Retry-After): payment-unavailable with orderId (the order stays PENDING with its stock) or service-unavailable; retry with the same key")
    public Uni<Response> create(@HeaderParam(IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) String idempotencyKey,
                                @Valid @NotNull CreateOrderRequest body) {
        return checkout.placeOrder(user.caller(), idempotencyKey, body).map(CheckoutResponse::toResponse);
    }

    @GET
    @Operation(summary = "My orders", description = "The caller's orders, newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of orders")
    @APIResponse(responseCode = "400", description = "Bad cursor, limit or status")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Uni<Page<OrderSummary>> list(@QueryParam("cursor") String cursor,
                                        @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                        @QueryParam("status") @Pattern(regexp = "pending|confirmed|shipped|delivered|cancelled") String status) {
        return orders.mine(user.caller(), status, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order", description = "Its owner or staff; anyone else gets 404.")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    public Uni<OrderView> get(@PathParam("id") UUID id) {
        return orders.get(user.caller(), id);
    }

    @POST
    @Path("/{id}/payments")
    @Operation(summary = "Pay a pending order again", description = """
            Another payment attempt for a PENDING order whose reservation is still active, e.g. after a decline.
            Idempotent per order with its own Idempotency-Key.""")
    @APIResponse(responseCode = "200", description = "Paid: the order is CONFIRMED", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @APIResponse(responseCode = "402", description = "Declined again")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    @APIResponse(responseCode = "409", description = "Not payable (not pending, reservation expired) or another attempt in flight")
    @APIResponse(responseCode = "422", description = "Not your payment method, or the key reused with another body")
    @APIResponse(responseCode = "503", description = "The payment processor stayed unavailable")
    public Uni<Response> pay(@PathParam("id") UUID id,
                             @HeaderParam(IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) String idempotencyKey,
                             @Valid @NotNull PayOrder body) {
        return checkout.retryPayment(user.caller(), id, idempotencyKey, body.paymentMethodId()).map(CheckoutResponse::toResponse);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel an order", description = """
            PENDING (the owner or staff): the reserved stock is released. CONFIRMED (the owner, an admin or a manager:
            it moves money): the sold stock returns (RETURN ledger rows) and what is left of the payment is refunded,
            recorded before the payment processor is asked. Any other state answers 409 and changes nothing.""")
    @APIResponse(responseCode = "200", description = "The cancelled order", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "403", description = "An employee cancelling a paid order (a refund needs an admin or manager)")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    @APIResponse(responseCode = "409", description = "Illegal transition (type illegal-transition)")
    public Uni<OrderView> cancel(@PathParam("id") UUID id, @Valid CancelOrder body) {
        String reason = body != null && body.reason() != null ? body.reason() : user.isStaff() ? "staff_request" : "customer_request";
        return orders.cancel(user.caller(), id, reason);
    }

    @POST
    @Path("/{id}/refunds")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Refund an order (staff)", description = """
            Refunds part or all of the captured payment, never more than captured minus what is refunded or being
            refunded. The refund is recorded before the payment processor is asked; the Idempotency-Key makes a retried
            request refund once and replay the first answer. The payment becomes REFUNDED once refunded in full; the
            order's status does not change. A refund the processor could not answer yet shows in
            payment.refundPendingCents and is sent again by the server.""")
    @APIResponse(responseCode = "200", description = "The order with its payment after the refund", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Invalid amount or missing Idempotency-Key")
    @APIResponse(responseCode = "403", description = "Not admin or manager")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "Nothing captured (not-captured), or a request with this key in flight")
    @APIResponse(responseCode = "422", description = "More than is left to refund (refund-exceeds-captured), or the key reused with another body")
    public Uni<Response> refund(@PathParam("id") UUID id,
                                @HeaderParam(IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) String idempotencyKey,
                                @Valid @NotNull RefundOrder body) {
        String reason = body.reason() != null ? body.reason() : "staff_refund";
        return orders.refund(user.caller(), id, idempotencyKey, body.amountCents(), reason).map(CheckoutResponse::toResponse);
    }

}
