package io.orderflow.identity;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/** A user as authentication sees it; holds the hash, so it never leaves the identity services. */
record Account(UUID id, String email, String role, boolean active, String passwordHash, int tokenVersion) {

    static Account from(Row row) {
        return new Account(row.getUUID("id"), row.getString("email"), row.getString("role"),
                row.getBoolean("is_active"), row.getString("password_hash"), row.getInteger("token_version"));
    }
}
