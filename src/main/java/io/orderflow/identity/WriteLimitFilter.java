package io.orderflow.identity;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;
import java.util.UUID;

/**
 * The general per-user limit on writes: every POST, PUT, PATCH or DELETE by a signed-in
 * caller, whichever module serves it, counts against {@code orderflow.rate-limit.writes-per-user}.
 */
public class WriteLimitFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final CurrentIdentityAssociation identities;
    private final IdentityLimits limits;

    WriteLimitFilter(CurrentIdentityAssociation identities, IdentityLimits limits) {
        this.identities = identities;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Void> limitWrites(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        // A bad token is not this filter's business: the endpoint's own security check answers 401.
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    UUID user = signedInUser(identity);
                    return user == null ? Uni.createFrom().voidItem() : limits.write(user);
                });
    }

    private static UUID signedInUser(SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return null;
        }
        return UUID.fromString(token.getSubject());
    }
}
