package io.orderflow.catalog;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A live product as stored: what the read cache holds and audit rows record. */
public record Product(UUID id, String sku, String slug, String name, String description, String category, String kind,
                      long priceCents, Long costCents, String currency, String imageUrl, boolean active,
                      boolean trackInventory, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The columns {@link #from(Row)} reads, for every query that returns products. */
    static final String COLUMNS = """
            id, sku, slug, name, description, category, kind, price_cents, cost_cents, currency, image_url,
            is_active, track_inventory, created_at, updated_at""";

    static Product from(Row row) {
        return new Product(row.getUUID("id"), row.getString("sku"), row.getString("slug"), row.getString("name"),
                row.getString("description"), row.getString("category"), row.getString("kind"),
                row.getLong("price_cents"), row.getLong("cost_cents"), row.getString("currency"),
                row.getString("image_url"), row.getBoolean("is_active"), row.getBoolean("track_inventory"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
