package io.orderflow.payment;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orderflow.platform.EnumNames;

/**
 * Where a charge attempt stands (docs/architecture.md, "States"): pending -> succeeded | failed | unknown;
 * unknown -> succeeded | failed once the gateway is asked; failed -> succeeded (a late answer);
 * succeeded -> refunded in full. Stored and shown as the lowercase name (payments_status_check).
 */
public enum PaymentStatus {
    PENDING, UNKNOWN, SUCCEEDED, FAILED, REFUNDED;

    public static PaymentStatus of(String value) {
        return EnumNames.parse(PaymentStatus.class, value);
    }

    /** The value in {@code payments.status} and in JSON. */
    @JsonValue
    public String value() { return EnumNames.lowercase(this); }

    @Override
    public String toString() { return value(); }

    /** The money was taken: succeeded, or refunded since. */
    public boolean isCaptured() {
        return this == SUCCEEDED || this == REFUNDED;
    }
}
