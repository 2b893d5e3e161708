package io.orderflow.inventory;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of the stock ledger: a change of a product's quantity on hand. */
public record LedgerEntry(UUID id, UUID productId,
                          @Schema(enumeration = {"purchase", "sale", "adjustment", "count_variance", "return"}) String type,
                          int quantityChange,
                          @Schema(nullable = true) UUID orderId,
                          @Schema(nullable = true) String notes,
                          @Schema(nullable = true) UUID createdBy,
                          OffsetDateTime createdAt) {

    static LedgerEntry from(Row row) {
        return new LedgerEntry(row.getUUID("id"), row.getUUID("product_id"), row.getString("type"),
                row.getInteger("quantity_change"), row.getUUID("order_id"), row.getString("notes"),
                row.getUUID("created_by"), row.getOffsetDateTime("created_at"));
    }
}
