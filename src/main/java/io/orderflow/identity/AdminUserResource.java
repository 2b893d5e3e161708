package io.orderflow.identity;

import io.orderflow.platform.Page;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.UUID;

/** Staff administration of users: list them, change a role, deactivate an account. Admins only. */
@Path("/api/v1/admin/users")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin", description = "Staff administration")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an admin")
public class AdminUserResource {

    static final String ROLE_PATTERN = "admin|manager|employee|customer|instructor";

    /** Omitted members keep their value; an inactive user can neither log in nor refresh. */
    public record AccessChange(@Pattern(regexp = ROLE_PATTERN) String role, Boolean active) {
    }

    private final UserService users;
    private final CurrentUser user;

    AdminUserResource(UserService users, CurrentUser user) {
        this.users = users;
        this.user = user;
    }

    @GET
    @Operation(summary = "List users, newest first", description = "Keyset pagination: pass nextCursor back as cursor.")
    @APIResponse(responseCode = "200", description = "One page of users")
    @APIResponse(responseCode = "400", description = "Invalid role, limit or cursor")
    public Uni<Page<UserView>> list(@RestQuery @Pattern(regexp = ROLE_PATTERN) String role,
                                    @RestQuery String cursor,
                                    @RestQuery @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return users.list(role, cursor, limit);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role or active flag", description = "Deactivating revokes the user's refresh tokens.")
    @APIResponse(responseCode = "200", description = "The updated user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserView> update(@RestPath UUID id, @Valid @NotNull AccessChange change) {
        return users.updateAccess(id, change, user.actor());
    }
}
