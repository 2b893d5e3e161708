package io.orderflow.identity;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One of the caller's addresses as the API shows it. */
public record AddressView(UUID id, String type, String line1, String line2, String city, String state,
                          String postalCode, String country, boolean isDefault, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt) {

    static AddressView from(Row row) {
        return new AddressView(row.getUUID("id"), row.getString("type"), row.getString("line1"), row.getString("line2"),
                row.getString("city"), row.getString("state"), row.getString("postal_code"), row.getString("country"),
                row.getBoolean("is_default"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
