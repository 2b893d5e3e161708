package io.orderflow.payment;

/** The gateway could not decide (timeout, processing error); the same call may be retried. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
