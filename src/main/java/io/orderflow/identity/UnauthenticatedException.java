package io.orderflow.identity;

import io.orderflow.platform.DomainException;

/** Credentials or a refresh token that do not identify anyone; the detail never says which part was wrong. */
public class UnauthenticatedException extends DomainException {

    private final String type;

    public UnauthenticatedException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    @Override public int status() { return 401; }
    @Override public String type() { return type; }
    @Override public String title() { return "Unauthorized"; }
}
