package io.orderflow.catalog;

/** The stock a new product starts with: recorded as a PURCHASE when above zero. */
public record OpeningStock(int onHand, int reorderPoint, String warehouseLocation) {
}
