package io.orderflow.platform;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A failure the client can act on. Each subclass fixes an HTTP status and a stable problem
 * type; {@link ProblemMapper} turns it into application/problem+json.
 */
public abstract class DomainException extends RuntimeException {

    private final Map<String, Object> properties;

    /** Members a problem body defines itself; an extension may not shadow them. */
    private static final Set<String> RESERVED = Set.of(
            "type", "title", "status", "detail", "instance", "requestId", "errors");

    protected DomainException(String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        if (properties.keySet().stream().anyMatch(RESERVED::contains)) {
            throw new IllegalArgumentException("Problem extensions may not be named " + RESERVED + ": " + properties.keySet());
        }
        this.properties = Map.copyOf(properties);
    }

    protected DomainException(String detail) {
        this(detail, Map.of());
    }

    public abstract int status();

    /** Last segment of the problem type URI, e.g. {@code out-of-stock}. */
    public abstract String type();

    public abstract String title();

    /** Seconds after which a retry may succeed, sent as Retry-After; empty when retrying won't help. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    /** Extra members of the problem body (RFC 9457 extensions). */
    public Map<String, Object> properties() {
        return properties;
    }
}
