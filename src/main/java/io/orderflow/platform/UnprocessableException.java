package io.orderflow.platform;

/** Well-formed but unusable, such as an idempotency key reused with a different body. */
public class UnprocessableException extends DomainException {

    private final String type;

    public UnprocessableException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    @Override public int status() { return 422; }
    @Override public String type() { return type; }
    @Override public String title() { return "Unprocessable request"; }
}
