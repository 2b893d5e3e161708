package io.orderflow.inventory;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One product's stock as staff see it. */
public record StockLevels(UUID productId, int onHand, int reserved, int available, int reorderPoint,
                          String warehouseLocation, OffsetDateTime lastCountedAt) {

    static StockLevels from(Row row) {
        return new StockLevels(row.getUUID("product_id"), row.getInteger("quantity_on_hand"),
                row.getInteger("quantity_reserved"), row.getInteger("quantity_available"), row.getInteger("reorder_point"),
                row.getString("warehouse_location"), row.getOffsetDateTime("last_counted_at"));
    }
}
