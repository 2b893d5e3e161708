package io.orderflow.identity;

import io.orderflow.platform.DataAccess;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: 256 random bits given to the client once, stored only as their SHA-256.
 * Each login starts a family; every refresh spends one token and issues the next in the family.
 * A spent token may be spent once more within {@code orderflow.identity.refresh-grace} of its
 * first use: a client whose answer the network lost retries with the same token. That second use
 * issues another token of the family (the first answer's token cannot be given again, only its hash
 * is kept, and stays valid: the server cannot tell which answer the client kept). Any later use is a
 * replay and revokes the family.
 */
@DataAccess
@ApplicationScoped
public class RefreshTokens {

    /** A token that was live and is now spent by this refresh. */
    record Spent(UUID userId, UUID familyId) {
    }

    static final String INSERT = """
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at) VALUES ($1, $2, $3, $4)""";

    // Conditional, so one token is spent at most twice: its first use, and one retry within the grace
    // ($2 seconds after the first use). SET reads the row as it was, so the first use leaves grace_used_at null.
    static final String SPEND = """
            UPDATE refresh_tokens
            SET used_at = coalesce(used_at, now()),
                grace_used_at = CASE WHEN used_at IS NULL THEN NULL ELSE now() END
            WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
              AND (used_at IS NULL OR (grace_used_at IS NULL AND used_at > now() - make_interval(secs => $2)))
            RETURNING user_id, family_id""";

    // A spent token shown again past its grace means it was copied: the whole family goes.
    static final String REVOKE_FAMILY_OF_SPENT = """
            UPDATE refresh_tokens SET revoked_at = now()
            WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)
              AND revoked_at IS NULL""";

    static final String REVOKE_FAMILY = """
            UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL""";

    static final String REVOKE_USER = """
            UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL""";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final Duration lifetime;
    private final double graceSeconds;

    RefreshTokens(Pool db, IdentityConfig config) {
        this.db = db;
        this.lifetime = config.refreshTokenLifetime();
        this.graceSeconds = config.refreshGrace().toMillis() / 1000.0;
    }

    /** Stores a new token of the family and answers the token itself, which exists nowhere else. */
    public Uni<String> issue(SqlClient tx, UUID userId, UUID familyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(lifetime);
        return tx.preparedQuery(INSERT).execute(Tuple.of(userId, hash(token), familyId, expires)).replaceWith(token);
    }

    /** Spends a live token, or a spent one for the single retry its grace allows; empty otherwise. */
    public Uni<Optional<Spent>> spend(SqlClient tx, String token) {
        return tx.preparedQuery(SPEND).execute(Tuple.of(hash(token), graceSeconds))
                .map(rows -> Rows.first(rows, row -> new Spent(row.getUUID("user_id"), row.getUUID("family_id"))));
    }

    /** Revokes the family of {@code token} if the token was already spent (a replay); otherwise does nothing. */
    public Uni<Void> revokeFamilyIfReplayed(String token) {
        return db.preparedQuery(REVOKE_FAMILY_OF_SPENT).execute(Tuple.of(hash(token))).replaceWithVoid();
    }

    public Uni<Void> revokeFamily(UUID familyId, UUID userId) {
        return db.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(familyId, userId)).replaceWithVoid();
    }

    public Uni<Void> revokeAllOf(SqlClient tx, UUID userId) {
        return tx.preparedQuery(REVOKE_USER).execute(Tuple.of(userId)).replaceWithVoid();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
