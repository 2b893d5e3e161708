package io.orderflow.identity;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens: RS256 JWTs carrying the user id ({@code sub}), email ({@code upn}),
 * role ({@code groups}), a unique id ({@code jti}) for the deny-list and the refresh family
 * ({@code sid}) that logout revokes, and the user's token version ({@code ver}) that a role or
 * active-flag change bumps.
 */
@ApplicationScoped
public class AccessTokens {

    static final String SESSION_CLAIM = "sid";
    /** The user's token_version when the token was signed; {@link AccessCheckAugmentor} compares it. */
    static final String VERSION_CLAIM = "ver";

    private final long lifespanSeconds;

    // smallrye-jwt's own key: the response's expiresIn must say what the token's exp says.
    AccessTokens(@ConfigProperty(name = "smallrye.jwt.new-token.lifespan") long lifespanSeconds) {
        this.lifespanSeconds = lifespanSeconds;
    }

    /** The response of a login or refresh; RSA signing runs on a worker thread. */
    public Uni<TokenPair> pair(Account account, UUID familyId, String refreshToken) {
        return Uni.createFrom().item(() -> new TokenPair(sign(account, familyId), refreshToken, "Bearer", lifespanSeconds))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String sign(Account account, UUID familyId) {
        return Jwt.subject(account.id().toString())
                .upn(account.email())
                .groups(Set.of(account.role()))
                .claim("jti", UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, familyId.toString())
                .claim(VERSION_CLAIM, account.tokenVersion())
                .expiresIn(lifespanSeconds)
                .sign();
    }
}
