package io.orderflow.identity;

import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes refresh tokens that can no longer be spent, once they are past the retention
 * ({@code orderflow.identity.refresh-token-purge}), in bounded batches.
 * <p>
 * A spent token is what catches a copied one: shown again, it revokes its family
 * ({@link RefreshTokens#revokeFamilyIfReplayed}). So a token stays while it could still be spent
 * and for the retention after it expired; a family's later tokens each expire later, so a copy
 * replayed within the retention of its own expiry still finds the family. A revoked token goes
 * the retention after its revocation only when no token of its family is left unrevoked and
 * unexpired: a dead family has nothing left to protect, but a family that kept a live token (one
 * issued by a refresh racing the revocation) keeps its evidence until that token expires too.
 */
@ApplicationScoped
public class RefreshTokenPurge {

    // FOR UPDATE SKIP LOCKED: instances purging at once take different rows.
    static final String PURGE = """
            DELETE FROM refresh_tokens WHERE id IN (
                SELECT t.id FROM refresh_tokens t
                WHERE t.expires_at < now() - make_interval(secs => $1)
                   OR (t.revoked_at < now() - make_interval(secs => $1)
                       AND NOT EXISTS (SELECT 1 FROM refresh_tokens live
                                       WHERE live.family_id = t.family_id AND live.revoked_at IS NULL AND live.expires_at > now()))
                LIMIT $2 FOR UPDATE OF t SKIP LOCKED)""";

    private final Pool db;
    private final ScheduledWork work;
    private final IdentityConfig.RefreshTokenPurge config;

    RefreshTokenPurge(Pool db, ScheduledWork work, IdentityConfig config) {
        this.db = db;
        this.work = work;
        this.config = config.refreshTokenPurge();
    }

    @Scheduled(identity = "refresh-token-purge", every = "${orderflow.identity.refresh-token-purge.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return work.inBatches("refresh-token-purge", config.batchSize(), () -> db.preparedQuery(PURGE)
                .execute(Tuple.of((double) config.retention().toSeconds(), config.batchSize()))
                .map(rows -> rows.rowCount()));
    }
}
