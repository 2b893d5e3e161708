package io.orderflow.payment;

import io.orderflow.platform.EnumNames;

/**
 * The reasons this application itself gives a FAILED attempt ({@code payments.failure_reason}).
 * Any other reason there is the processor's own decline reason (e.g. {@code card_declined}), kept as it came.
 */
public enum PaymentFailure {
    /** The processor failed before charging and stayed down through the retries: the order may be paid again. */
    PROCESSING_ERROR,
    /** Asked later, the gateway had never received the charge. */
    NOT_RECEIVED,
    /** A payment.failed webhook that gave no reason. */
    DECLINED;

    /** The value in {@code payments.failure_reason}. */
    public String value() {
        return EnumNames.lowercase(this);
    }

    /** True when {@code reason}, as stored, is this one. */
    public boolean is(String reason) {
        return value().equals(reason);
    }
}
