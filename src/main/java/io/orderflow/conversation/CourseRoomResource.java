package io.orderflow.conversation;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** A course's room: its enrolled students, its instructor and staff. */
@Path("/api/v1/courses")
@Tag(name = "Conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CourseRoomResource {

    private final RoomService rooms;
    private final CurrentUser user;

    CourseRoomResource(RoomService rooms, CurrentUser user) {
        this.rooms = rooms;
        this.user = user;
    }

    @GET
    @Path("/{productId}/room")
    @Operation(summary = "A course's room", description = "Its students (who join when they enrol and leave when they cancel), its instructor and staff.")
    @APIResponse(responseCode = "200", description = "The room", content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "404", description = "No such course, or not one the caller takes, teaches or staffs")
    public Uni<RoomView> room(@PathParam("productId") UUID productId) {
        return rooms.courseRoom(user.caller(), productId);
    }
}
