package io.orderflow.platform;

import java.util.Map;
import java.util.OptionalLong;

/** A rate limit was hit; the mapper adds Retry-After. */
public class TooManyRequestsException extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super("Too many requests; retry after " + retryAfterSeconds + " s", Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(retryAfterSeconds);
    }

    @Override public int status() { return 429; }
    @Override public String type() { return "rate-limited"; }
    @Override public String title() { return "Too many requests"; }
}
