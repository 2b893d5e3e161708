package io.orderflow.identity;

import io.orderflow.platform.Actor;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in caller of this request, read from the verified access token:
 * {@code sub} is the user id, {@code groups} holds the one role.
 */
@RequestScoped
public class CurrentUser {

    public static final Set<String> STAFF_ROLES = Set.of(Roles.ADMIN, Roles.MANAGER, Roles.EMPLOYEE);

    private final JsonWebToken token;
    private final HttpServerRequest request;

    CurrentUser(JsonWebToken token, HttpServerRequest request) {
        this.token = token;
        this.request = request;
    }

    public boolean isSignedIn() {
        return token.getSubject() != null;
    }

    public UUID id() {
        return UUID.fromString(token.getSubject());
    }

    public String role() {
        return token.getGroups().stream().findFirst().orElse(Roles.CUSTOMER);
    }

    public boolean isStaff() {
        return isSignedIn() && STAFF_ROLES.contains(role());
    }

    /** The caller as recorded in audit rows (anonymous when not signed in). */
    public Actor actor() {
        return Actor.of(isSignedIn() ? id() : null, request);
    }
}
