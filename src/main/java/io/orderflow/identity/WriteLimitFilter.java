package io.orderflow.identity;

import io.orderflow.platform.security.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/**
 * The general per-user limit on writes: every POST, PUT, PATCH or DELETE by a signed-in
 * caller, whichever module serves it, counts against {@code orderflow.rate-limit.writes-per-user}.
 */
public class WriteLimitFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final CurrentUser user;
    private final IdentityLimits limits;

    WriteLimitFilter(CurrentUser user, IdentityLimits limits) {
        this.user = user;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Void> limitWrites(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        // A bad token is not this filter's business: the endpoint's own security check answers 401.
        return user.resolve()
                .onFailure().recoverWithNull()
                .chain(caller -> caller == null || !caller.signedIn() ? Uni.createFrom().voidItem() : limits.write(caller.id()));
    }
}
