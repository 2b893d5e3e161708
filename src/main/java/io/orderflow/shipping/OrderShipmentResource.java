package io.orderflow.shipping;

import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Shipping an order: staff hand a CONFIRMED order to a carrier. Lives under the orders path
 * (the same class path as the ordering module's resource, which RESTEasy Reactive merges).
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
public class OrderShipmentResource {

    public record ShipOrder(
            @NotNull @Pattern(regexp = "usps|fedex|ups|dhl", message = "must be one of usps, fedex, ups, dhl")
            @Schema(enumeration = {"usps", "fedex", "ups", "dhl"}) String carrier,
            @NotBlank @Size(max = 100) String trackingNumber,
            @Schema(description = "Optional, the carrier's estimate") LocalDate estimatedDelivery) {
    }

    private final ShipmentService shipments;
    private final CurrentUser user;

    OrderShipmentResource(ShipmentService shipments, CurrentUser user) {
        this.shipments = shipments;
        this.user = user;
    }

    @POST
    @Path("/{id}/shipments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.EMPLOYEE})
    @Operation(summary = "Ship an order", description = "Staff only. The order moves CONFIRMED -> SHIPPED.")
    @APIResponse(responseCode = "201", description = "The shipment", content = @Content(schema = @Schema(implementation = Shipment.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not staff")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "The order is not CONFIRMED (type illegal-transition), holds only courses and "
            + "event tickets (nothing-to-ship), or the tracking "
            + "number is taken (type duplicate-tracking-number); nothing changed")
    public Uni<RestResponse<Shipment>> ship(@PathParam("id") UUID orderId, @Valid @NotNull ShipOrder body) {
        return shipments.ship(orderId, body.carrier(), body.trackingNumber().strip(), body.estimatedDelivery(), user.actor())
                .map(shipment -> RestResponse.ResponseBuilder.<Shipment>created(URI.create("/api/v1/shipments/" + shipment.id()))
                        .entity(shipment).build());
    }
}
