package io.orderflow.cart;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A cart as the customer sees it: each line with the price seen when added next to today's price and stock. */
@Schema(name = "Cart")
public record CartView(List<Line> items) {

    @Schema(name = "CartLine")
    public record Line(
            UUID productId,
            @Schema(description = "Null when the product is no longer for sale") String sku,
            @Schema(description = "Null when the product is no longer for sale") String name,
            int quantity,
            @Schema(description = "The unit price when the line was added") long priceSeenCents,
            @Schema(description = "Today's unit price; null when the product is no longer for sale") Long currentPriceCents,
            String currency,
            @Schema(description = "True when today's price differs from the price seen") boolean priceChanged,
            @Schema(description = "False once the product is deactivated or deleted") boolean forSale,
            @Schema(description = "Units available now; null when stock is not counted for the product or it is not for sale")
            Integer availableQuantity,
            @Schema(description = "True when the whole quantity can be bought now") boolean inStock) {
    }
}
