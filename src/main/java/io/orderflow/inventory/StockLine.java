package io.orderflow.inventory;

import java.util.UUID;

/** A quantity of one product to reserve. */
public record StockLine(UUID productId, int quantity) {
}
