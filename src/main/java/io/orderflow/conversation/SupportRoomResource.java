package io.orderflow.conversation;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The support room of an order, between its customer and staff: made by the first message either sends. */
@Path("/api/v1/orders")
@Tag(name = "Conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SupportRoomResource {

    private final RoomService rooms;
    private final MessageService messages;
    private final CurrentUser user;

    SupportRoomResource(RoomService rooms, MessageService messages, CurrentUser user) {
        this.rooms = rooms;
        this.messages = messages;
        this.user = user;
    }

    @GET
    @Path("/{orderId}/support")
    @Operation(summary = "An order's support room", description = "The order's customer and staff; it exists once either has posted.")
    @APIResponse(responseCode = "200", description = "The room", content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "404", description = "No message yet, or not the caller's order")
    public Uni<RoomView> room(@PathParam("orderId") UUID orderId) {
        return rooms.orderRoom(user.caller(), orderId);
    }

    @POST
    @Path("/{orderId}/support/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post on an order's support room", description = """
            The order's customer or staff; the first message makes the room (its roomId is in the answer). Then the
            room is like any other: /rooms/{id}. Idempotency-Key as for posting in a room.""")
    @APIResponse(responseCode = "201", description = "Posted", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "200", description = "Posted before with this Idempotency-Key", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @APIResponse(responseCode = "404", description = "No such order of the caller's")
    @APIResponse(responseCode = "409", description = "The room is archived (room-archived)")
    @APIResponse(responseCode = "422", description = "replyTo is not a message of this room (unknown-reply), or the key was used for another message (idempotency-key-reused)")
    public Uni<Response> post(@PathParam("orderId") UUID orderId,
                              @HeaderParam(RoomResource.IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) String idempotencyKey,
                              @Valid @NotNull NewMessage message) {
        return messages.postOnOrder(user.caller(), orderId, idempotencyKey, message).map(RoomResource::created);
    }
}
