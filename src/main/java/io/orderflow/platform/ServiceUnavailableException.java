package io.orderflow.platform;

import java.util.OptionalLong;

/** A backing service the request truly needs (Redis for carts) is unreachable; retrying later may work. */
public class ServiceUnavailableException extends DomainException {

    public ServiceUnavailableException(String detail) {
        super(detail);
    }

    @Override public OptionalLong retryAfterSeconds() { return OptionalLong.of(1); }
    @Override public int status() { return 503; }
    @Override public String type() { return "service-unavailable"; }
    @Override public String title() { return "Service unavailable"; }
}
