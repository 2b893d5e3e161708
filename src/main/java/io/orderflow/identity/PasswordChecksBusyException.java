package io.orderflow.identity;

import io.orderflow.platform.DomainException;

import java.util.OptionalLong;

/** Every bcrypt slot stayed taken for the whole wait ({@link Passwords}): the server is saturated with logins. */
public class PasswordChecksBusyException extends DomainException {

    public PasswordChecksBusyException() {
        super("Too many password checks are running; retry shortly");
    }

    @Override public OptionalLong retryAfterSeconds() { return OptionalLong.of(1); }
    @Override public int status() { return 503; }
    @Override public String type() { return "password-checks-busy"; }
    @Override public String title() { return "Password checks busy"; }
}
