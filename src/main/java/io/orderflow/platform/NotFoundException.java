package io.orderflow.platform;

/** The resource does not exist, or the caller may not know that it does. */
public class NotFoundException extends DomainException {

    public NotFoundException(String what) {
        super(what + " not found");
    }

    @Override public int status() { return 404; }
    @Override public String type() { return "not-found"; }
    @Override public String title() { return "Not found"; }
}
