package io.orderflow.identity;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Registration and sessions: register, login, refresh, logout. */
@Path("/api/v1/auth")
@Tag(name = "auth", description = "Accounts and sessions")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Registration(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 128) @Schema(writeOnly = true, minLength = 10, maxLength = 128) String password,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @Size(max = 20) @Pattern(regexp = "\\+?[0-9 ()-]{4,20}") String phone) {

        public Registration {
            email = Emails.normalise(email);
        }
    }

    public record Credentials(@NotBlank @Size(max = 254) String email,
                              @NotBlank @Size(max = 128) @Schema(writeOnly = true) String password) {

        public Credentials {
            email = Emails.normalise(email);
        }
    }

    public record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    private final UserService users;
    private final AuthService auth;
    private final CurrentUser user;

    AuthResource(UserService users, AuthService auth, CurrentUser user) {
        this.users = users;
        this.auth = auth;
        this.user = user;
    }

    @POST
    @Path("/register")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a customer account", description = "The role is always customer; the email is trimmed and lower-cased.")
    @APIResponse(responseCode = "201", description = "The new user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (password 10..128 characters)")
    @APIResponse(responseCode = "409", description = "Email taken (type email-taken)")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "Every password check slot is busy (type password-checks-busy); see Retry-After")
    public Uni<RestResponse<UserView>> register(@Valid @NotNull Registration registration) {
        return users.register(registration, user.anonymousActor())
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in", description = "Wrong email and wrong password answer the same 401. "
            + "With X-Cart-Id, the guest cart merges into the account's cart (quantities add, capped).")
    @APIResponse(responseCode = "200", description = "A new session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPair.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "Wrong credentials or inactive account (type invalid-credentials)")
    @APIResponse(responseCode = "429", description = "Too many attempts from this address (type rate-limited), or too many "
            + "failed ones as this email from it (type login-backoff, the password is not checked); see Retry-After")
    @APIResponse(responseCode = "503", description = "Every password check slot is busy (type password-checks-busy); see Retry-After")
    public Uni<TokenPair> login(@Valid @NotNull Credentials credentials,
                                @Parameter(description = "A guest cart to merge into the account's cart") @RestHeader("X-Cart-Id") String guestCartId) {
        return auth.login(credentials.email(), credentials.password(), Optional.ofNullable(guestCartId), user.anonymousActor());
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for a new pair",
            description = "The token is spent. Presented once more within orderflow.identity.refresh-grace of its first use "
                    + "(a client retrying a lost answer), it answers another pair of the same session; "
                    + "presented again after that, or a third time, it revokes every token of its session.")
    @APIResponse(responseCode = "200", description = "The next pair of the session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPair.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "Unknown, spent, revoked or expired token (type invalid-refresh-token)")
    public Uni<TokenPair> refresh(@Valid @NotNull RefreshRequest body) {
        return auth.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @ResponseStatus(204)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "End the session", description = "Revokes the session's refresh tokens; the access token stops working at once.")
    @APIResponse(responseCode = "204", description = "Signed out")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Uni<Void> logout() {
        JsonWebToken token = user.token();
        Optional<UUID> familyId = token.<String>claim(AccessTokens.SESSION_CLAIM).map(UUID::fromString);
        return auth.logout(UUID.fromString(token.getSubject()), token.getTokenID(),
                Instant.ofEpochSecond(token.getExpirationTime()), familyId);
    }
}
