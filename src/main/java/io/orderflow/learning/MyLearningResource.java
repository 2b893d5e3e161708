package io.orderflow.learning;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import java.util.UUID;

/** The caller's enrolments and bookings (what their paid orders of courses and events granted), and their waitlist entries. */
@Path("/api/v1/me")
@Tag(name = "Courses and events")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MyLearningResource {

    /** A page of enrolments, for the OpenAPI document. */
    @Schema(name = "EnrolmentPage")
    public record EnrolmentPage(List<EnrolmentView> items, @Schema(nullable = true) String nextCursor) {
    }

    /** A page of bookings, for the OpenAPI document. */
    @Schema(name = "BookingPage")
    public record BookingPage(List<BookingView> items, @Schema(nullable = true) String nextCursor) {
    }

    /** Body of PATCH /me/enrolments/{id}: the only change a student makes is completing the course. */
    @Schema(name = "EnrolmentChange")
    public record EnrolmentChange(@NotNull @Pattern(regexp = "completed", message = "must be completed")
                                  @Schema(required = true, enumeration = {"completed"}) String status) {
    }

    /** A page of waitlist entries, for the OpenAPI document. */
    @Schema(name = "WaitlistPage")
    public record WaitlistPage(List<WaitlistView> items, @Schema(nullable = true) String nextCursor) {
    }

    private final EnrolmentService enrolments;
    private final WaitlistService waitlist;
    private final CurrentUser user;

    MyLearningResource(EnrolmentService enrolments, WaitlistService waitlist, CurrentUser user) {
        this.enrolments = enrolments;
        this.waitlist = waitlist;
        this.user = user;
    }

    @GET
    @Path("/enrolments")
    @Operation(summary = "My enrolments", description = "Newest first, keyset-paginated; cancelled ones included.")
    @APIResponse(responseCode = "200", description = "One page of enrolments", content = @Content(schema = @Schema(implementation = EnrolmentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Uni<Page<EnrolmentView>> enrolments(@QueryParam("cursor") String cursor,
                                               @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return enrolments.enrolments(user.caller(), cursor, limit);
    }

    @PATCH
    @Path("/enrolments/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a course completed", description = "A completed course can no longer be cancelled for a refund.")
    @APIResponse(responseCode = "200", description = "The enrolment, completed", content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "No such enrolment of yours")
    @APIResponse(responseCode = "409", description = "Already completed or cancelled (illegal-transition)")
    public Uni<EnrolmentView> complete(@PathParam("id") UUID id, @Valid @NotNull EnrolmentChange change) {
        return enrolments.complete(user.caller(), id);
    }

    @GET
    @Path("/bookings")
    @Operation(summary = "My event bookings", description = "Newest first, keyset-paginated; cancelled ones included.")
    @APIResponse(responseCode = "200", description = "One page of bookings", content = @Content(schema = @Schema(implementation = BookingPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Uni<Page<BookingView>> bookings(@QueryParam("cursor") String cursor,
                                           @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return enrolments.bookings(user.caller(), cursor, limit);
    }

    @GET
    @Path("/waitlist")
    @Operation(summary = "My waitlist entries", description = "Newest first: your place in line, or the seat offered to you and until when it is held.")
    @APIResponse(responseCode = "200", description = "One page of waitlist entries", content = @Content(schema = @Schema(implementation = WaitlistPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Uni<Page<WaitlistView>> waitlist(@QueryParam("cursor") String cursor,
                                            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return waitlist.mine(user.caller(), cursor, limit);
    }
}
