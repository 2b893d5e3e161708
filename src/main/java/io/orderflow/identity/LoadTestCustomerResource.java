package io.orderflow.identity;

import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/**
 * Signed-in customers for load tests (`make loadtest-users`), made by an admin in bulk because
 * registration and login are rate-limited per address. Admins only; the limits stay as they are.
 */
@Path("/api/v1/admin/load-test-customers")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin", description = "Staff administration")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an admin")
public class LoadTestCustomerResource {

    /** The most customers one call makes: a larger batch is several calls. */
    static final int MAX_COUNT = 1000;

    public record Request(
            @NotNull @Min(1) @Max(MAX_COUNT) @Schema(required = true, minimum = "1", maximum = "1000") Integer count,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,39}", message = "must be 1 to 40 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
            @Schema(required = true, example = "lt-20261202-001",
                    description = "Emails are <emailPrefix>-<n>@" + LoadTestCustomers.DOMAIN + "; reusing a prefix answers 409")
            String emailPrefix) {
    }

    /** One new customer and a session of theirs, as a login would have answered it. */
    public record Customer(UUID id, String email, String accessToken, String refreshToken, long expiresIn,
                           UUID addressId, UUID paymentMethodId) {
    }

    public record Batch(@Schema(description = "The id of this call's audit row (entity type user)") UUID batchId,
                        List<Customer> customers) {
    }

    private final LoadTestCustomers customers;
    private final CurrentUser user;

    LoadTestCustomerResource(LoadTestCustomers customers, CurrentUser user) {
        this.customers = customers;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create customers for a load test",
            description = "Each gets the role customer, a random password nobody is told, one shipping address, the sandbox card "
                    + "tok_visa and a session (access and refresh token). Emails are on the reserved domain "
                    + LoadTestCustomers.DOMAIN + ".")
    @APIResponse(responseCode = "201", description = "The customers and their sessions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Batch.class)))
    @APIResponse(responseCode = "400", description = "count outside 1..1000 or an invalid emailPrefix")
    @APIResponse(responseCode = "409", description = "An email of this prefix exists already (type email-taken); nothing was created")
    public Uni<RestResponse<Batch>> create(@Valid @NotNull Request request) {
        return customers.create(request.count(), request.emailPrefix(), user.actor())
                .map(batch -> RestResponse.status(RestResponse.Status.CREATED, batch));
    }
}
