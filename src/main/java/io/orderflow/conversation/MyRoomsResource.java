package io.orderflow.conversation;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The caller's rooms. */
@Path("/api/v1/me")
@Tag(name = "Conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MyRoomsResource {

    /** A page of rooms, for the OpenAPI document. */
    @Schema(name = "RoomPage")
    public record RoomPage(List<RoomView> items, @Schema(nullable = true) String nextCursor) {
    }

    private final RoomService rooms;
    private final CurrentUser user;

    MyRoomsResource(RoomService rooms, CurrentUser user) {
        this.rooms = rooms;
        this.user = user;
    }

    @GET
    @Path("/rooms")
    @Operation(summary = "My rooms", description = "The rooms the caller is a member of, the most recently active first, each with its unread count.")
    @APIResponse(responseCode = "200", description = "One page of rooms", content = @Content(schema = @Schema(implementation = RoomPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<RoomView>> mine(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return rooms.mine(user.caller(), cursor, limit);
    }
}
