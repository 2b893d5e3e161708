package io.orderflow.loadtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The admin the load test acts as for set-up and checks (ORDERFLOW_ADMIN_EMAIL / _PASSWORD):
 * one login, again when the access token is about to expire. Logins are rate-limited per address
 * and per email, and every client on the same address counts: a 429 is waited out, never avoided.
 */
final class Staff {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(10);
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final Api api;
    private final String email;
    private final String password;
    private String token;
    private Instant signedInAt = Instant.EPOCH;

    Staff(Api api, String email, String password) {
        this.api = api;
        this.email = email;
        this.password = password;
    }

    static Staff fromParams(Api api) {
        return new Staff(api, Params.adminEmail(), Params.adminPassword());
    }

    synchronized String token() {
        if (token == null || Instant.now().isAfter(signedInAt.plus(RENEW_AFTER))) {
            token = login();
            signedInAt = Instant.now();
        }
        return token;
    }

    /** Signs in, waiting out a 429 as its Retry-After says (other clients on the same address count too). */
    private String login() {
        Instant giveUp = Instant.now().plus(MAX_WAIT);
        while (true) {
            try {
                return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                        .path("accessToken").asText();
            } catch (Api.UnexpectedAnswer e) {
                Duration wait = Duration.ofSeconds(Math.max(1, e.retryAfter));
                if (e.status != 429 || Instant.now().plus(wait).isAfter(giveUp)) {
                    throw new IllegalStateException("The admin " + email + " cannot sign in (set ORDERFLOW_ADMIN_EMAIL and "
                            + "ORDERFLOW_ADMIN_PASSWORD): " + e.getMessage(), e);
                }
                System.out.printf("[loadtest] admin login rate-limited; retrying in %d s%n", wait.toSeconds());
                sleep(wait);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to sign in", e);
        }
    }
}
