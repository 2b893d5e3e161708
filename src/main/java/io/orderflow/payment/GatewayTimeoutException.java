package io.orderflow.payment;

/**
 * A gateway call was sent and no answer came in time: the processor may or may not have acted
 * on it. Retrying under the same idempotency key is safe; a charge given up this way is
 * UNKNOWN until the gateway is asked.
 */
public class GatewayTimeoutException extends RuntimeException {

    public GatewayTimeoutException(String message) {
        super(message, null, false, false);
    }
}
