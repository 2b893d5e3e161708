package io.orderflow.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A staff change of a product's quantity on hand. Purchases and returns add stock; adjustments and
 * count variances go either way. Sales are not adjustments: only the checkout sells.
 */
public record StockAdjustment(
        @NotNull @Pattern(regexp = "purchase|adjustment|count_variance|return",
                message = "must be one of purchase, adjustment, count_variance, return")
        @Schema(enumeration = {"purchase", "adjustment", "count_variance", "return"}, required = true)
        String type,
        @NotNull @Min(-MAX_CHANGE) @Max(MAX_CHANGE)
        @Schema(description = "Units added (positive) or removed (negative); never 0", required = true)
        Integer quantityChange,
        @Size(max = 1000) String notes) {

    /** The most one change may move, as much as a new product may start with; on hand is a 32-bit integer. */
    static final int MAX_CHANGE = 1_000_000;

    boolean addsStockOnly() {
        return type.equals("purchase") || type.equals("return");
    }

    boolean isCount() {
        return type.equals("count_variance");
    }
}
