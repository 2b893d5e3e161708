package io.orderflow.shipping;

import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import java.util.UUID;

/** Shipments once created: staff record the delivery; staff and the ordering customer can look them up. */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "404", description = "No such shipment, or not the caller's")
public class ShipmentResource {

    private final ShipmentService shipments;
    private final CurrentUser user;

    ShipmentResource(ShipmentService shipments, CurrentUser user) {
        this.shipments = shipments;
        this.user = user;
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Show a shipment", description = "Staff, or the customer whose order it carries.")
    @APIResponse(responseCode = "200", description = "The shipment", content = @Content(schema = @Schema(implementation = Shipment.class)))
    public Uni<Shipment> get(@PathParam("id") UUID id) {
        return shipments.find(id, user);
    }

    @POST
    @Path("/{id}/delivered")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.EMPLOYEE})
    @Operation(summary = "Record a delivery", description = "Staff only. The order moves SHIPPED -> DELIVERED.")
    @APIResponse(responseCode = "200", description = "The delivered shipment", content = @Content(schema = @Schema(implementation = Shipment.class)))
    @APIResponse(responseCode = "403", description = "Not staff")
    @APIResponse(responseCode = "409", description = "The order is not SHIPPED (type illegal-transition); nothing changed")
    public Uni<Shipment> delivered(@PathParam("id") UUID id) {
        return shipments.deliver(id, user.actor());
    }
}
