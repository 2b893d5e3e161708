package io.orderflow.identity;

import java.util.Locale;

/** Emails are stored and compared trimmed and lower-cased (the users table checks it). */
final class Emails {

    private Emails() {
    }

    static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
