package io.orderflow.ordering;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orderflow.platform.EnumNames;

/**
 * Where an order stands (docs/architecture.md, "States"): pending -> confirmed -> shipped -> delivered;
 * pending or confirmed -> cancelled. Stored and shown as the lowercase name (orders_status_check).
 */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

    /** The value in {@code orders.status} and in JSON. */
    @JsonValue
    public String value() { return EnumNames.lowercase(this); }

    @Override
    public String toString() { return value(); }

    /** Paid and kept: confirmed, shipped or delivered. */
    public boolean isPaid() {
        return this == CONFIRMED || this == SHIPPED || this == DELIVERED;
    }

    static OrderStatus of(String value) {
        return EnumNames.parse(OrderStatus.class, value);
    }
}
