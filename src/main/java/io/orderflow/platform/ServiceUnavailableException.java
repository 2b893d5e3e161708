package io.orderflow.platform;

/** A backing service the request truly needs (Redis for carts) is unreachable; retrying later may work. */
public class ServiceUnavailableException extends DomainException {

    public ServiceUnavailableException(String detail) {
        super(detail);
    }

    @Override public int status() { return 503; }
    @Override public String type() { return "service-unavailable"; }
    @Override public String title() { return "Service unavailable"; }
}
