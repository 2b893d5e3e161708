package io.orderflow.payment;

/** The gateway refused or failed the call before acting on it (processing error); the same call may be retried. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message, null, false, false);
    }
}
