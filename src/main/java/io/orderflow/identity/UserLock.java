package io.orderflow.identity;

import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

/** Serialises one user's writes to addresses and payment methods, so two requests can't both set a default. */
final class UserLock {

    static final String LOCK_USER = """
            SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE""";

    private UserLock() {
    }

    /** Locks the user's row for the rest of {@code tx}; an unknown or deleted user is a 404. */
    static Uni<Void> lock(SqlClient tx, UUID userId) {
        return tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId))
                .invoke(rows -> Rows.single(rows, "User", row -> row))
                .replaceWithVoid();
    }
}
