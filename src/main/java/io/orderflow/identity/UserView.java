package io.orderflow.identity;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as the API shows it (and as audit rows record it): everything but the password hash. */
public record UserView(UUID id, String email, String firstName, String lastName, String phone, String role,
                       boolean active, boolean emailVerified, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static UserView from(Row row) {
        return new UserView(row.getUUID("id"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("phone"), row.getString("role"), row.getBoolean("is_active"),
                row.getBoolean("email_verified"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
