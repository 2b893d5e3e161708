package io.orderflow.platform;

/** The request itself is wrong in a way bean validation cannot express (bad cursor, unknown token). */
public class BadRequestException extends DomainException {

    private final String type;

    public BadRequestException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    @Override public int status() { return 400; }
    @Override public String type() { return type; }
    @Override public String title() { return "Bad request"; }
}
