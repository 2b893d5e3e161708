package io.orderflow.learning;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Events: the public list of upcoming events with their seats, and staff keeping an event product's details. */
@Path("/api/v1/events")
@Tag(name = "Courses and events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** A page of events, for the OpenAPI document. */
    @Schema(name = "EventPage")
    public record EventPage(List<EventView> items, @Schema(nullable = true) String nextCursor) {
    }

    private final EventService events;
    private final WaitlistService waitlist;
    private final CurrentUser user;

    EventResource(EventService events, WaitlistService waitlist, CurrentUser user) {
        this.events = events;
        this.waitlist = waitlist;
        this.user = user;
    }

    @GET
    @PermitAll
    @Operation(summary = "List upcoming events", description = "Scheduled events starting from `from` (default now), soonest first, "
            + "keyset-paginated: pass nextCursor back as cursor.")
    @APIResponse(responseCode = "200", description = "One page of events", content = @Content(schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter or cursor")
    public Uni<Page<EventView>> list(@QueryParam("from") @Parameter(description = "ISO-8601 with offset") OffsetDateTime from,
                                     @QueryParam("to") @Parameter(description = "ISO-8601 with offset, exclusive") OffsetDateTime to,
                                     @QueryParam("category") @Size(max = 100) String category,
                                     @QueryParam("hasSeats") @DefaultValue("false") boolean hasSeats,
                                     @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return events.list(new LearningQueries.EventFilter(from, to, category, hasSeats), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One event with its seats", description = "seatsLeft can be bought now; capacity counts held and booked seats too.")
    @APIResponse(responseCode = "200", description = "The event", content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "404", description = "No such event")
    public Uni<EventView> get(@PathParam("id") UUID id) {
        return events.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an event's details", description = """
            Creates or replaces the details of a product of kind event (create it first with POST /api/v1/products; its
            initialStock is the number of seats). Seats are changed as stock, through the inventory endpoints, which refuse
            to go below the seats held by unpaid orders; sold seats are already out of stock.""")
    @APIResponse(responseCode = "200", description = "The event", content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "409", description = "The product is not an event (wrong-kind), or a concurrent edit (concurrent-edit)")
    public Uni<EventView> save(@PathParam("id") UUID productId, @Valid @NotNull EventDetailsRequest details) {
        return events.save(productId, details, user.actor());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Cancel an event", description = """
            No more seats are sold; every booking is then refunded by a background job, order by order, exactly once even
            across restarts (an order that bought only this event is cancelled whole; otherwise its event lines are refunded).
            Follow progress in GET /events/{id}: bookingsOpen falls to 0 as bookingsCancelled rises. Cancelling again
            changes nothing.""")
    @APIResponse(responseCode = "200", description = "The event", content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "The event is completed (illegal-transition)")
    public Uni<EventView> cancel(@PathParam("id") UUID id) {
        return events.cancel(id, user.actor());
    }

    @POST
    @Path("/{id}/waitlist")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Join a full event's waitlist", description = """
            Once per customer. When a seat frees up (a cancellation, an unpaid order expiring), the first in line is
            offered it: GET /me/waitlist shows the offer and until when the seat is held; buying it is a normal
            POST /orders of the event. An unused offer passes to the next in line.""")
    @APIResponse(responseCode = "201", description = "In line", content = @Content(schema = @Schema(implementation = WaitlistView.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "Seats are free to buy (seats-available), booking is closed (booking-closed), "
            + "or you are already in line (already-waiting)")
    public Uni<Response> joinWaitlist(@PathParam("id") UUID id) {
        return waitlist.join(user.caller(), id).map(entry -> Response.status(201).entity(entry).build());
    }

    @DELETE
    @Path("/{id}/waitlist")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Leave an event's waitlist", description = "A seat offered to you goes to the next in line.")
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "You are not in this event's line")
    public Uni<Void> leaveWaitlist(@PathParam("id") UUID id) {
        return waitlist.leave(user.caller(), id);
    }
}
