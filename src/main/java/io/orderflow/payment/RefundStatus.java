package io.orderflow.payment;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orderflow.platform.EnumNames;

/** Where a refund stands: pending -> succeeded | failed. Stored as the lowercase name (refunds_status_check). */
public enum RefundStatus {
    PENDING, SUCCEEDED, FAILED;

    static RefundStatus of(String value) {
        return EnumNames.parse(RefundStatus.class, value);
    }

    /** The value in {@code refunds.status} and in audit rows. */
    @JsonValue
    public String value() { return EnumNames.lowercase(this); }

    @Override
    public String toString() { return value(); }
}
