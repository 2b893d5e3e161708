package io.orderflow.identity;

import io.orderflow.platform.security.StaleToken;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Rejects a verified access token whose user was deactivated, or whose role or token version is
 * no longer the user's ({@link UserAccess}), so a role change or deactivation takes effect at the
 * next request rather than when the token expires. Tokens signed before the version claim existed
 * count as version 0.
 */
@ApplicationScoped
public class AccessCheckAugmentor implements SecurityIdentityAugmentor {

    private final UserAccess access;

    AccessCheckAugmentor(UserAccess access) {
        this.access = access;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        UUID userId;
        try {
            userId = UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(StaleToken.failure("The access token names no user"));
        }
        int version = versionOf(token);
        return access.of(userId).map(current -> {
            if (current.isEmpty() || !current.get().active()) {
                throw StaleToken.failure("The account is no longer active; the access token is no longer valid");
            }
            if (current.get().tokenVersion() != version || !token.getGroups().contains(current.get().role())) {
                throw StaleToken.failure("The account's role changed after this access token was issued; sign in again");
            }
            return identity;
        });
    }

    private static int versionOf(JsonWebToken token) {
        Object claim = token.getClaim(AccessTokens.VERSION_CLAIM);
        if (claim instanceof Number number) {
            return number.intValue();
        }
        if (claim instanceof JsonNumber number) {
            return number.intValue();
        }
        return 0;
    }
}
