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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import java.util.List;
import java.util.UUID;

/** Courses: the public catalogue of published courses, and staff keeping a course product's details. */
@Path("/api/v1/courses")
@Tag(name = "Courses and events")
@Produces(MediaType.APPLICATION_JSON)
public class CourseResource {

    /** A page of courses, for the OpenAPI document. */
    @Schema(name = "CoursePage")
    public record CoursePage(List<CourseView> items, @Schema(nullable = true) String nextCursor) {
    }

    /** A page of reviews, for the OpenAPI document. */
    @Schema(name = "ReviewPage")
    public record ReviewPage(List<ReviewView> items, @Schema(nullable = true) String nextCursor) {
    }

    private final CourseService courses;
    private final ReviewService reviews;
    private final CurrentUser user;

    CourseResource(CourseService courses, ReviewService reviews, CurrentUser user) {
        this.courses = courses;
        this.reviews = reviews;
        this.user = user;
    }

    @GET
    @PermitAll
    @Operation(summary = "List published courses", description = "Newest first unless sort says otherwise; keyset-paginated: "
            + "pass nextCursor back as cursor, with the same sort.")
    @APIResponse(responseCode = "200", description = "One page of courses", content = @Content(schema = @Schema(implementation = CoursePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter or cursor")
    public Uni<Page<CourseView>> list(@QueryParam("category") @Size(max = 100) String category,
                                      @QueryParam("level") @Pattern(regexp = "beginner|intermediate|advanced",
                                              message = "must be one of beginner, intermediate, advanced") String level,
                                      @QueryParam("instructorId") UUID instructorId,
                                      @QueryParam("minPriceCents") @PositiveOrZero Long minPriceCents,
                                      @QueryParam("maxPriceCents") @PositiveOrZero Long maxPriceCents,
                                      @QueryParam("query") @Size(max = 200) String query,
                                      @QueryParam("sort") @DefaultValue("newest") @Pattern(regexp = "newest|price_asc|price_desc|rating",
                                              message = "must be one of newest, price_asc, price_desc, rating")
                                      @Parameter(schema = @Schema(enumeration = {"newest", "price_asc", "price_desc", "rating"})) String sort,
                                      @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return courses.list(new LearningQueries.CourseFilter(category, level, instructorId, minPriceCents, maxPriceCents, query), sort, cursor,
                limit);
    }

    // One path parameter name for GET (a slug) and PUT (a product id) of /courses/{course}: OpenAPI reads two names on
    // one path as two identical paths.
    @GET
    @Path("/{course}")
    @PermitAll
    @Operation(summary = "One course by its slug", description = "Published courses; staff also see unpublished ones.")
    @APIResponse(responseCode = "200", description = "The course", content = @Content(schema = @Schema(implementation = CourseView.class)))
    @APIResponse(responseCode = "404", description = "No such published course")
    public Uni<CourseView> bySlug(@PathParam("course") @Parameter(description = "The course's slug") @Size(max = 220) String slug) {
        return user.resolve().chain(caller -> courses.bySlug(slug, caller));
    }

    @PUT
    @Path("/{course}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a course's details", description = """
            Creates or replaces the details of a product of kind course (create it first with POST /api/v1/products; its
            initialStock is the number of places, or trackInventory=false for no limit). The course is listed and sold once
            published. Enrolled count and rating are kept by enrolments and reviews, never set here.""")
    @APIResponse(responseCode = "200", description = "The course", content = @Content(schema = @Schema(implementation = CourseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "409", description = "The product is not a course (wrong-kind), or a concurrent edit (concurrent-edit)")
    @APIResponse(responseCode = "422", description = "instructorId is not an active instructor (not-an-instructor)")
    public Uni<CourseView> save(@PathParam("course") @Parameter(description = "The course's product id") UUID productId,
                                @Valid @NotNull CourseDetailsRequest details) {
        return courses.save(productId, details, user.actor());
    }

    @POST
    @Path("/{productId}/reviews")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review a course", description = """
            Only a student enrolled in the course (enrolled or completed) reviews it, once: sending again replaces the
            review (200). The course's rating and ratingCount follow in the same transaction.""")
    @APIResponse(responseCode = "201", description = "Reviewed", content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "200", description = "The caller's earlier review replaced", content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not enrolled in this course (not-enrolled)")
    @APIResponse(responseCode = "404", description = "No such course")
    public Uni<Response> review(@PathParam("productId") UUID productId, @Valid @NotNull ReviewRequest review) {
        return reviews.review(user.caller(), productId, review)
                .map(saved -> Response.status(saved.created() ? 201 : 200).entity(saved.review()).build());
    }

    @GET
    @Path("/{productId}/reviews")
    @PermitAll
    @Operation(summary = "A course's reviews", description = "Newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of reviews", content = @Content(schema = @Schema(implementation = ReviewPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<ReviewView>> reviews(@PathParam("productId") UUID productId, @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return reviews.list(productId, cursor, limit);
    }
}
