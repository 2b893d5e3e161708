package io.orderflow.identity;

import io.orderflow.platform.TooManyRequestsException;

/** This address failed to sign in as this email too often lately ({@link LoginBackoff}); the password was not checked. */
public class LoginBackedOffException extends TooManyRequestsException {

    public LoginBackedOffException(long retryAfterSeconds) {
        super(retryAfterSeconds);
    }

    @Override public String type() { return "login-backoff"; }
    @Override public String title() { return "Too many failed logins from this address"; }
}
