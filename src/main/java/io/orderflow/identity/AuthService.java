package io.orderflow.identity;

import io.orderflow.platform.Actor;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Sessions: login issues a token pair, refresh rotates it, logout ends it. */
@ApplicationScoped
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class);

    static final String FIND_BY_EMAIL = """
            SELECT id, email, role, is_active, password_hash, token_version FROM users WHERE email = $1 AND deleted_at IS NULL""";

    static final String FIND_BY_ID = """
            SELECT id, email, role, is_active, password_hash, token_version FROM users WHERE id = $1 AND deleted_at IS NULL""";

    private final Pool db;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final TokenDenyList denyList;
    private final IdentityLimits limits;
    private final GuestCarts carts;
    private final LoginBackoff backoff;

    AuthService(Pool db, Passwords passwords, RefreshTokens refreshTokens, AccessTokens accessTokens,
                TokenDenyList denyList, IdentityLimits limits, GuestCarts carts, LoginBackoff backoff) {
        this.db = db;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.denyList = denyList;
        this.limits = limits;
        this.carts = carts;
        this.backoff = backoff;
    }

    /**
     * Unknown email, wrong password and inactive account all fail alike, after a bcrypt check of the same
     * cost, and count towards this address's back-off for this email; while it lasts no password is checked.
     */
    public Uni<TokenPair> login(String email, String password, Optional<String> guestCartId, Actor actor) {
        String ip = actor.ipAddress();
        return limits.loginAttempt(ip)
                .chain(() -> backoff.check(ip, email))
                .chain(() -> findByEmail(email))
                .chain(account -> verify(account, password))
                .onFailure(UnauthenticatedException.class).call(() -> backoff.failed(ip, email))
                .call(() -> backoff.succeeded(ip, email))
                .call(account -> adoptGuestCart(account, guestCartId))
                .chain(this::startSession);
    }

    /** Spends the refresh token and issues the next pair; a token replayed past its grace revokes its family. */
    public Uni<TokenPair> refresh(String refreshToken) {
        return db.withTransaction(tx -> refreshTokens.spend(tx, refreshToken)
                        .chain(spent -> spent.isEmpty()
                                ? Uni.createFrom().item(Optional.<Session>empty())
                                : rotate(tx, spent.get()).map(Optional::of)))
                .chain(session -> session.isPresent()
                        ? accessTokens.pair(session.get().account(), session.get().familyId(), session.get().refreshToken())
                        : refreshTokens.revokeFamilyIfReplayed(refreshToken).chain(() -> Uni.createFrom().failure(invalidRefresh())));
    }

    /** Revokes the session's refresh family and deny-lists the access token until it would have expired. */
    public Uni<Void> logout(UUID userId, String tokenId, Instant expiresAt, Optional<UUID> familyId) {
        Uni<Void> revokeFamily = familyId.map(family -> refreshTokens.revokeFamily(family, userId))
                .orElseGet(() -> Uni.createFrom().voidItem());
        return revokeFamily.chain(() -> denyList.deny(tokenId, expiresAt));
    }

    /** The cart a guest filled follows them into their account; failing to move it never stops a sign-in. */
    private Uni<Void> adoptGuestCart(Account account, Optional<String> guestCartId) {
        return guestCartId
                .map(cartId -> carts.mergeGuestCart(account.id(), cartId)
                        .onFailure().invoke(e -> LOG.warnf("Guest cart %s not merged into user %s: %s", cartId, account.id(), e.getMessage()))
                        .onFailure().recoverWithNull())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private record Session(Account account, UUID familyId, String refreshToken) {
    }

    private Uni<Optional<Account>> findByEmail(String email) {
        return db.preparedQuery(FIND_BY_EMAIL).execute(Tuple.of(email))
                .map(rows -> Rows.first(rows, Account::from));
    }

    private Uni<Account> verify(Optional<Account> account, String password) {
        return passwords.matches(password, account.map(Account::passwordHash).orElse(null))
                .map(matches -> {
                    if (!matches || !account.get().active()) {
                        throw new UnauthenticatedException("invalid-credentials", "The email or password is wrong");
                    }
                    return account.get();
                });
    }

    private Uni<TokenPair> startSession(Account account) {
        UUID familyId = UUID.randomUUID();
        return refreshTokens.issue(db, account.id(), familyId)
                .chain(refreshToken -> accessTokens.pair(account, familyId, refreshToken));
    }

    private Uni<Session> rotate(SqlClient tx, RefreshTokens.Spent spent) {
        return tx.preparedQuery(FIND_BY_ID).execute(Tuple.of(spent.userId()))
                .map(rows -> Rows.first(rows, Account::from).orElse(null))
                .chain(account -> {
                    if (account == null || !account.active()) {
                        return Uni.createFrom().failure(invalidRefresh());
                    }
                    return refreshTokens.issue(tx, account.id(), spent.familyId())
                            .map(next -> new Session(account, spent.familyId(), next));
                });
    }

    private static UnauthenticatedException invalidRefresh() {
        return new UnauthenticatedException("invalid-refresh-token", "The refresh token is unknown, spent, revoked or expired");
    }
}
