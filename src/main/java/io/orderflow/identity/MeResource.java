package io.orderflow.identity;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

/** The signed-in user's own profile. */
@Path("/api/v1/me")
@Authenticated
@Tag(name = "me", description = "The signed-in user's profile, addresses and payment methods")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MeResource {

    /** Only names and phone can change here; other members of the body are ignored. Omitted members keep their value. */
    public record ProfileChange(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String firstName,
                                @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String lastName,
                                @Size(max = 20) @Pattern(regexp = "\\+?[0-9 ()-]{4,20}") String phone) {
    }

    private final UserService users;
    private final CurrentUser user;

    MeResource(UserService users, CurrentUser user) {
        this.users = users;
        this.user = user;
    }

    @GET
    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "The account no longer exists")
    public Uni<UserView> me() {
        return users.find(user.id());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change names or phone")
    @APIResponse(responseCode = "200", description = "The updated user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "The account no longer exists")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<UserView> update(@Valid @NotNull ProfileChange change) {
        return users.updateProfile(user.id(), change, user.actor());
    }
}
