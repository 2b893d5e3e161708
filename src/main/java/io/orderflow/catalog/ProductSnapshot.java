package io.orderflow.catalog;

import java.util.UUID;

/** What an order line copies from the catalog when the order is placed, and the kind the checkout treats it as. */
public record ProductSnapshot(UUID id, String sku, String name, long priceCents, String currency, boolean trackInventory, String kind) {
}
