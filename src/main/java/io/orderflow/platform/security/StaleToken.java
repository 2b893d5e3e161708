package io.orderflow.platform.security;

import io.quarkus.security.AuthenticationFailedException;

import java.util.Map;

/**
 * A validly signed access token that no longer matches its user: the role or active flag changed
 * (or the account is gone) since it was issued. It answers 401 {@code stale-token}, so a client knows
 * to sign in again. Quarkus' AuthenticationFailedException is final: the mark is an attribute.
 */
public final class StaleToken {

    static final String ATTRIBUTE = "orderflow.stale-token";

    private StaleToken() {
    }

    public static AuthenticationFailedException failure(String detail) {
        return new AuthenticationFailedException(detail, Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    public static boolean is(AuthenticationFailedException e) {
        return Boolean.TRUE.equals(e.getAttributes().get(ATTRIBUTE));
    }
}
