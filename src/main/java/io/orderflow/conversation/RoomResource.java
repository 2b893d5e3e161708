package io.orderflow.conversation;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** A room's messages, its live stream, read receipts and typing; members only (anyone else gets 404). */
@Path("/api/v1/rooms")
@Tag(name = "Conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Body of PATCH /rooms/{id}/membership: what the caller changes about their own membership. */
    @Schema(name = "MembershipChange")
    public record MembershipChange(@NotNull @Schema(required = true) Boolean muted) {
    }

    /** A page of messages, for the OpenAPI document. */
    @Schema(name = "MessagePage")
    public record MessagePage(List<MessageView> items, @Schema(nullable = true, description = "The before= of the next, older page") String nextCursor) {
    }

    private final RoomService rooms;
    private final MessageService messages;
    private final RoomStreams streams;
    private final CurrentUser user;

    RoomResource(RoomService rooms, MessageService messages, RoomStreams streams, CurrentUser user) {
        this.rooms = rooms;
        this.messages = messages;
        this.streams = streams;
        this.user = user;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One room", description = "With the caller's role, the number of messages and how many of them are unread.")
    @APIResponse(responseCode = "200", description = "The room", content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    public Uni<RoomView> room(@PathParam("id") UUID id) {
        return rooms.room(user.caller(), id);
    }

    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live events of a room", description = """
            Server-sent events: message, message-edited and message-deleted (data: the Message in its current state;
            upsert it by id), read (userId, messageId, seq), typing (userId, until) and presence (online: the user ids
            with a stream open). Every event has an id; reconnecting with Last-Event-ID first replays what changed
            after it, from the database, then goes on live, with nothing missed or sent twice. Comment lines go out
            when the stream opens and as a heartbeat every 15 s.""")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID is not an event id")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    @RoomStreamCheck.Checked
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse, @Context RoutingContext request) {
        return streams.open(RoomStreamCheck.startOf(request)).map(event -> event.isComment()
                ? sse.newEventBuilder().comment(event.comment()).build()
                : sse.newEventBuilder().id(event.id()).name(event.name()).data(String.class, event.data()).build());
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a message", description = """
            Idempotency-Key makes a retry safe: the same key and body answer the first post again (200) instead of
            posting twice; another body under the same key is a 422. Limited per user and per room (429).""")
    @APIResponse(responseCode = "201", description = "Posted", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "200", description = "Posted before with this Idempotency-Key", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (empty, longer than 4,000 characters, control characters) or missing Idempotency-Key")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    @APIResponse(responseCode = "409", description = "The room is archived (room-archived)")
    @APIResponse(responseCode = "422", description = "replyTo is not a message of this room (unknown-reply), or the key was used for another message (idempotency-key-reused)")
    public Uni<Response> post(@PathParam("id") UUID id, @HeaderParam(IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) String idempotencyKey,
                              @Valid @NotNull NewMessage message) {
        return messages.post(user.caller(), id, idempotencyKey, message).map(RoomResource::created);
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "A room's messages", description = "Newest first, keyset-paginated by before= (a message's seq; the page holds the messages before it).")
    @APIResponse(responseCode = "200", description = "One page of messages", content = @Content(schema = @Schema(implementation = MessagePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid before or limit")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    public Uni<Page<MessageView>> history(@PathParam("id") UUID id, @QueryParam("before") @Min(1) Long before,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return messages.history(user.caller(), id, before, limit);
    }

    @PATCH
    @Path("/{id}/messages/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a message", description = "Its author, within 15 minutes of posting (orderflow.conversation.edit-window).")
    @APIResponse(responseCode = "200", description = "The message, edited", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the message's author (not-message-author)")
    @APIResponse(responseCode = "404", description = "No such room or message")
    @APIResponse(responseCode = "409", description = "The edit window has passed (edit-window-closed) or the message is deleted (message-deleted)")
    public Uni<MessageView> edit(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId, @Valid @NotNull MessageEdit edit) {
        return messages.edit(user.caller(), id, messageId, edit.body());
    }

    @DELETE
    @Path("/{id}/messages/{messageId}")
    @Operation(summary = "Delete a message", description = "Its author, the room's owners and moderators, and staff. The text goes; the message keeps its place.")
    @APIResponse(responseCode = "204", description = "Deleted (also when it already was)")
    @APIResponse(responseCode = "403", description = "Someone else's message, and the caller does not moderate the room (not-message-author)")
    @APIResponse(responseCode = "404", description = "No such room or message")
    public Uni<Void> delete(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        return messages.delete(user.caller(), id, messageId);
    }

    @POST
    @Path("/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark read", description = "Everything up to this message counts as read; a mark never moves back. The room sees a read event.")
    @APIResponse(responseCode = "204", description = "Marked")
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such room, or no such message in it")
    public Uni<Void> read(@PathParam("id") UUID id, @Valid @NotNull ReadMark mark) {
        return rooms.read(user.caller(), id, mark.messageId());
    }

    @POST
    @Path("/{id}/typing")
    @Operation(summary = "Typing", description = "Tells the room the caller is typing; send it every few seconds while they type.")
    @APIResponse(responseCode = "204", description = "Sent")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    public Uni<Void> typing(@PathParam("id") UUID id) {
        return rooms.typing(user.caller(), id);
    }

    @PATCH
    @Path("/{id}/membership")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mute or unmute a room", description = "The caller's own membership; a muted room still counts unread messages, the apps stop notifying.")
    @APIResponse(responseCode = "200", description = "The room, as the caller now sees it", content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    public Uni<RoomView> membership(@PathParam("id") UUID id, @Valid @NotNull MembershipChange change) {
        return rooms.mute(user.caller(), id, change.muted());
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive a room", description = "The room's owners, moderators and staff. Its messages stay readable; posting answers 409 room-archived.")
    @APIResponse(responseCode = "200", description = "The room, archived", content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "403", description = "A member who does not moderate the room (not-room-moderator)")
    @APIResponse(responseCode = "404", description = "No such room, or not one of the caller's")
    public Uni<RoomView> archive(@PathParam("id") UUID id) {
        return rooms.archive(user.caller(), id);
    }

    static Response created(MessageService.Posted posted) {
        return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK).entity(posted.message()).build();
    }
}
