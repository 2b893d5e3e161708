package io.orderflow.platform;

/** The caller is who they say but may not do this to this resource (403), for a reason the type names. */
public class NotAllowedException extends DomainException {

    private final String type;

    public NotAllowedException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    @Override public int status() { return 403; }
    @Override public String type() { return type; }
    @Override public String title() { return "Forbidden"; }
}
