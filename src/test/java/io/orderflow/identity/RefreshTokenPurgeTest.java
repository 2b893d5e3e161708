package io.orderflow.identity;

import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The refresh-token purge job (retention 7 days, batches of 1000, the defaults). */
@QuarkusTest
class RefreshTokenPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RefreshTokenPurge purge;

    private final UUID user = TestAccounts.customer().id();

    @Test
    void aTokenExpiredLongerThanTheRetentionIsDeleted() {
        UUID family = UUID.randomUUID();
        UUID token = token(family, "now() - interval '8 days'", null, null);

        purge.purge().await().atMost(WAIT);

        assertEquals(0, tokens("id = ?", token));
    }

    /** A copy of it replayed now still revokes its family, whose later tokens may be live. */
    @Test
    void aTokenExpiredWithinTheRetentionIsKept() {
        UUID family = UUID.randomUUID();
        UUID token = token(family, "now() - interval '6 days'", "now() - interval '40 days'", null);

        purge.purge().await().atMost(WAIT);

        assertEquals(1, tokens("id = ?", token));
    }

    @Test
    void aSpentTokenThatCouldStillBeSpentIsKept() {
        UUID family = UUID.randomUUID();
        UUID token = token(family, "now() + interval '1 day'", "now() - interval '29 days'", null);

        purge.purge().await().atMost(WAIT);

        assertEquals(1, tokens("id = ?", token));
    }

    @Test
    void aRevokedFamilyIsDeletedOnceRevokedLongerThanTheRetention() {
        UUID family = UUID.randomUUID();
        token(family, "now() + interval '20 days'", "now() - interval '9 days'", "now() - interval '8 days'");
        token(family, "now() + interval '21 days'", null, "now() - interval '8 days'");

        purge.purge().await().atMost(WAIT);

        assertEquals(0, tokens("family_id = ?", family));
    }

    @Test
    void aRevokedFamilyIsKeptWithinTheRetention() {
        UUID family = UUID.randomUUID();
        token(family, "now() + interval '20 days'", null, "now() - interval '6 days'");

        purge.purge().await().atMost(WAIT);

        assertEquals(1, tokens("family_id = ?", family));
    }

    /** A token issued by a refresh racing the revocation: the revoked ones stay as its family's evidence. */
    @Test
    void revokedTokensOfAFamilyWithALiveTokenAreKept() {
        UUID family = UUID.randomUUID();
        token(family, "now() + interval '20 days'", "now() - interval '9 days'", "now() - interval '8 days'");
        token(family, "now() + interval '21 days'", null, null);

        purge.purge().await().atMost(WAIT);

        assertEquals(2, tokens("family_id = ?", family));
    }

    @Test
    void aBacklogLargerThanABatchIsDeletedInOneRun() {
        UUID family = UUID.randomUUID();
        Sql.update("INSERT INTO refresh_tokens (user_id, token_hash, family_id, created_at, expires_at)"
                + " SELECT ?, md5(random()::text) || md5(random()::text), ?, now() - interval '60 days', now() - interval '30 days'"
                + " FROM generate_series(1, 2500)", user, family);

        purge.purge().await().atMost(WAIT);

        assertEquals(0, tokens("family_id = ?", family));
    }

    private UUID token(UUID family, String expiresAt, String usedAt, String revokedAt) {
        UUID id = UUID.randomUUID();
        Sql.update("INSERT INTO refresh_tokens (id, user_id, token_hash, family_id, created_at, expires_at, used_at, revoked_at)"
                + " VALUES (?, ?, md5(random()::text) || md5(random()::text), ?, now() - interval '60 days', "
                + expiresAt + ", " + usedAt + ", " + revokedAt + ")", id, user, family);
        return id;
    }

    private static long tokens(String where, UUID value) {
        return Sql.count("SELECT count(*) FROM refresh_tokens WHERE " + where, value);
    }
}
