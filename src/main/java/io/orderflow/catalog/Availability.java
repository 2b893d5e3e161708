package io.orderflow.catalog;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.UUID;

/** Whether a product can be bought now, as the catalog shows it next to each product. */
@Schema(description = "Whether the product can be bought now")
public record Availability(
        @Schema(enumeration = {"in_stock", "low", "out_of_stock"}) String status,
        @Schema(description = "Units available to buy; null when the product's stock is not tracked", nullable = true)
        Integer available) {

    /** Digital goods sold without counting stock never run out. */
    public static final Availability UNTRACKED = new Availability("in_stock", null);

    /** A tracked product without a stock row has nothing to sell. */
    public static final Availability NO_STOCK = new Availability("out_of_stock", 0);

    /** Low means below the reorder point, the same rule as the staff's low-stock list. */
    public static Availability of(int available, int reorderPoint) {
        String status = available <= 0 ? "out_of_stock" : available < reorderPoint ? "low" : "in_stock";
        return new Availability(status, available);
    }

    /** What the catalog shows for the product, given the stock rows found for a batch of products. */
    static Availability shown(Product product, Map<UUID, Availability> stock) {
        return product.trackInventory() ? stock.getOrDefault(product.id(), NO_STOCK) : UNTRACKED;
    }
}
