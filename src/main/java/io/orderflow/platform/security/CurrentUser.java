package io.orderflow.platform.security;

import io.orderflow.platform.Actor;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The one way to ask who is calling this request, read from the verified access token:
 * {@code sub} is the user id, {@code groups} holds the one role. Endpoints that require a token
 * read it directly ({@link #caller()}). Authentication is lazy, so endpoints open to anonymous
 * callers and request filters resolve it without blocking the event loop ({@link #resolve()}).
 */
@RequestScoped
public class CurrentUser {

    private final JsonWebToken token;
    private final CurrentIdentityAssociation identities;
    private final HttpServerRequest request;

    CurrentUser(JsonWebToken token, CurrentIdentityAssociation identities, HttpServerRequest request) {
        this.token = token;
        this.identities = identities;
        this.request = request;
    }

    public boolean isSignedIn() {
        return token.getSubject() != null;
    }

    public UUID id() {
        return UUID.fromString(token.getSubject());
    }

    public boolean isStaff() {
        return caller().staff();
    }

    /** The caller as recorded in audit rows (anonymous when not signed in). */
    public Actor actor() {
        return caller().actor();
    }

    /** For the endpoints that come before signing in (register, login, refresh): no token is read. */
    public Actor anonymousActor() {
        return Actor.of(null, request);
    }

    public Caller caller() {
        return callerOf(token);
    }

    /** The verified token itself, for the claims only identity reads (session, expiry). */
    public JsonWebToken token() {
        return token;
    }

    /**
     * The caller once authentication has run, anonymous when there is no token. A bad token fails
     * with the authentication failure, which answers 401.
     */
    public Uni<Caller> resolve() {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            // The bearer token is the only credential the server reads: without one the caller is
            // anonymous, and running the authentication mechanisms to find that out is wasted work.
            return Uni.createFrom().item(callerOf(null));
        }
        return identities.getDeferredIdentity()
                .map(identity -> callerOf(identity.getPrincipal() instanceof JsonWebToken verified ? verified : null));
    }

    private Caller callerOf(JsonWebToken verified) {
        UUID id = verified == null || verified.getSubject() == null ? null : UUID.fromString(verified.getSubject());
        String role = id == null ? Roles.CUSTOMER : verified.getGroups().stream().findFirst().orElse(Roles.CUSTOMER);
        return new Caller(id, role, Actor.of(id, request), request.path());
    }
}
