package io.orderflow.platform;

import java.util.Map;

/** The request is valid but clashes with the current state (duplicate, illegal transition). */
public class ConflictException extends DomainException {

    private final String type;

    public ConflictException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public ConflictException(String type, String detail, Map<String, Object> properties) {
        super(detail, properties);
        this.type = type;
    }

    @Override public int status() { return 409; }
    @Override public String type() { return type; }
    @Override public String title() { return "Conflict"; }
}
