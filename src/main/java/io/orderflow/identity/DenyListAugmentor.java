package io.orderflow.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Rejects a verified access token whose id logout has deny-listed; runs once per authenticated request. */
@ApplicationScoped
public class DenyListAugmentor implements SecurityIdentityAugmentor {

    private final TokenDenyList denyList;

    DenyListAugmentor(TokenDenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getTokenID() == null) {
            return Uni.createFrom().item(identity);
        }
        return denyList.isDenied(token.getTokenID()).map(denied -> {
            if (denied) {
                throw new AuthenticationFailedException("The access token was revoked by logout");
            }
            return identity;
        });
    }
}
