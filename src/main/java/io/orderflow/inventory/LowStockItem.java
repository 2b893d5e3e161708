package io.orderflow.inventory;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/** A product whose available quantity is below its reorder point. */
public record LowStockItem(UUID productId, String sku, String name, int onHand, int reserved, int available, int reorderPoint) {

    static LowStockItem from(Row row) {
        return new LowStockItem(row.getUUID("product_id"), row.getString("sku"), row.getString("name"),
                row.getInteger("quantity_on_hand"), row.getInteger("quantity_reserved"),
                row.getInteger("quantity_available"), row.getInteger("reorder_point"));
    }
}
