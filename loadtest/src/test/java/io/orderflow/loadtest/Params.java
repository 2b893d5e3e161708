package io.orderflow.loadtest;

import io.gatling.javaapi.core.OpenInjectionStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * The command line of a load test: each parameter is an environment variable (what
 * {@code make loadtest VAR=...} sets) or a {@code -DVAR=...} system property, with a default that
 * runs on a laptop. Rates are arrivals per second of new virtual users (an open model).
 */
final class Params {

    private Params() {
    }

    static String string(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static int integer(String name, int fallback) {
        String value = string(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, is '" + value + "'");
        }
    }

    static double decimal(String name, double fallback) {
        String value = string(name, null);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, is '" + value + "'");
        }
    }

    /** BASE_URL: the server under test, without a trailing slash. */
    static String baseUrl() {
        return string("BASE_URL", "http://localhost:8080").replaceAll("/+$", "");
    }

    /** P99_MS: the 99th percentile of all response times must stay below this. */
    static int p99Ms() {
        return integer("P99_MS", 1000);
    }

    /** CUSTOMERS_CSV: written by {@code make loadtest-users}; read by the scenarios that check out. */
    static Path customersCsv() {
        return Path.of(string("CUSTOMERS_CSV", "../bench/results/gatling/customers.csv"));
    }

    static String adminEmail() {
        return string("ORDERFLOW_ADMIN_EMAIL", "admin@orderflow.local");
    }

    static String adminPassword() {
        return string("ORDERFLOW_ADMIN_PASSWORD", "orderflow-admin");
    }

    /**
     * The arrival profile: RATE_FROM up to RATE over RAMP seconds, RATE for DURATION seconds
     * (arrivals at random, Poisson-like), then down to RATE_FROM over RAMP_DOWN seconds.
     * Each scenario gives its own defaults.
     */
    static OpenInjectionStep[] profile(double rate, int ramp, int duration, int rampDown) {
        double to = decimal("RATE", rate);
        double from = decimal("RATE_FROM", Math.min(1, to));
        int up = integer("RAMP", ramp);
        int hold = integer("DURATION", duration);
        int down = integer("RAMP_DOWN", rampDown);
        if (to <= 0 || from < 0 || up < 0 || hold <= 0 || down < 0) {
            throw new IllegalArgumentException("need RATE > 0, RATE_FROM >= 0, DURATION > 0, RAMP and RAMP_DOWN >= 0");
        }
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (up > 0) {
            steps.add(rampUsersPerSec(from).to(to).during(up));
        }
        steps.add(constantUsersPerSec(to).during(hold).randomized());
        if (down > 0) {
            steps.add(rampUsersPerSec(to).to(from).during(down));
        }
        System.out.printf("[loadtest] %s: %s%.1f arrivals/s for %d s%s; P99_MS=%d%n", baseUrl(),
                up > 0 ? String.format("%.1f -> %.1f/s over %d s, then ", from, to, up) : "", to, hold,
                down > 0 ? String.format(", then down to %.1f/s over %d s", from, down) : "", p99Ms());
        return steps.toArray(OpenInjectionStep[]::new);
    }
}
