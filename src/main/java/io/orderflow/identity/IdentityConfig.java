package io.orderflow.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/**
 * Identity's settings, under {@code orderflow.identity}; its other keys sit under their own
 * prefixes, one small mapping each below ({@link Admin}, {@link Jwt}, {@link RateLimit}). The key
 * pair's locations and the token lifespan are smallrye-jwt's own keys, read where they are used.
 */
@ConfigMapping(prefix = "orderflow.identity")
public interface IdentityConfig {

    /**
     * bcrypt's cost (log2 rounds) for new password hashes. 12: a few hundred milliseconds of a
     * worker thread per hash; below 10 is too quick to guess against, 31 is bcrypt's maximum.
     * ORDERFLOW_BCRYPT_COST sets it (the tests use 10).
     */
    @WithDefault("${ORDERFLOW_BCRYPT_COST:12}")
    @Min(10)
    @Max(31)
    int bcryptCost();

    /** How long a refresh token can be spent. 30 days: a client that opens the app once a month stays signed in. */
    @WithDefault("30D")
    @DurationMin(seconds = 1)
    Duration refreshTokenLifetime();

    /**
     * How long a user's role, active flag and token version stay cached in Redis for the per-request
     * access check. 30 s: an access change overwrites the entry at once, so this only bounds how
     * long a change made while Redis was unreachable can go unseen.
     */
    @WithDefault("30S")
    @DurationMin(seconds = 1)
    Duration accessCacheTtl();

    /**
     * How long after a refresh token was spent it may be spent once more, answering a new pair of
     * the same session instead of revoking it ({@link RefreshTokens}). 10 s: a mobile client that
     * lost the first answer on a flaky network retries within seconds; a copied token replayed
     * later, or a third time, still revokes its family. 0 turns the grace off.
     */
    @WithDefault("10S")
    @DurationMin(millis = 0)
    Duration refreshGrace();

    /** Failed-login back-off per client address and email ({@link LoginBackoff}). */
    @WithName("login-backoff")
    LoginBackoff loginBackoff();

    interface LoginBackoff {
        /**
         * Failures of one address and email that cost nothing. 5: a person who mistypes a password
         * a few times is never made to wait.
         */
        @WithDefault("5")
        @Min(0)
        int freeFailures();

        /** The wait after the first failure past the free ones; each further failure doubles it. 1 s. */
        @WithDefault("1S")
        @DurationMin(millis = 1)
        Duration initialWait();

        /**
         * The longest wait, and how long the failures are remembered after the last one. 15 min: about
         * a hundred guesses a day from one address at worst, while the owner, elsewhere, is never held.
         */
        @WithDefault("15M")
        @DurationMin(millis = 1)
        Duration maxWait();
    }

    /** bcrypt work at once ({@link Passwords}). */
    @WithName("password-checks")
    PasswordChecks passwordChecks();

    interface PasswordChecks {
        /**
         * bcrypt hashes and checks running at once; more wait up to {@code max-wait} for a slot,
         * holding no thread. Default: twice the processors. bcrypt is pure CPU, so more at once only
         * queue on the cores, and a login flood (with Redis down, nothing else throttles it) would
         * otherwise take every worker thread from the requests that need one.
         */
        Optional<@Positive Integer> maxConcurrent();

        /**
         * How long a hash or check waits for a slot before the request answers 503
         * password-checks-busy with Retry-After. 500 ms: a few checks' time, so a burst of honest
         * logins is queued through while a flood is turned away.
         */
        @WithDefault("500MS")
        @DurationMin(millis = 0)
        Duration maxWait();
    }

    /** The job that deletes spent-out refresh tokens ({@link RefreshTokenPurge}). */
    @WithName("refresh-token-purge") // the same key without it; named so validation messages show the key
    RefreshTokenPurge refreshTokenPurge();

    interface RefreshTokenPurge {
        /**
         * How long a token is kept after it expired, or after its whole family was revoked. 7 days: a
         * copied token replayed that long after it could last be spent still revokes its family.
         */
        @WithDefault("7D")
        @DurationMin(seconds = 1)
        Duration retention();

        /** How often the job runs (its {@code @Scheduled} reads this key). 1 h: the rows only take space. */
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration every();

        /** Tokens deleted per statement; a run repeats full batches. 1000: each DELETE stays short. */
        @WithDefault("1000")
        @Positive
        int batchSize();
    }

    /**
     * The first admin, {@code orderflow.admin.*} ({@link FirstAdmin}): created at start when both
     * are set. No defaults: a deployment names its own admin, and the password is a secret
     * (application.properties reads both from ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD).
     */
    @ConfigMapping(prefix = "orderflow.admin")
    interface Admin {
        /** The first admin's email; none by default. */
        Optional<String> email();

        /** The first admin's password, a secret; none by default. */
        Optional<String> password();
    }

    /** The access-token key pair, {@code orderflow.jwt.*} ({@link SigningKeys}). */
    @ConfigMapping(prefix = "orderflow.jwt")
    interface Jwt {
        /**
         * Generate the key pair on first start when its files are missing. True for local runs; the
         * production profile sets false (ORDERFLOW_JWT_GENERATE_KEYS), so a missing key stops the
         * start instead of minting a new one.
         */
        @WithDefault("true")
        boolean generateKeys();
    }

    /**
     * Rate limits, {@code orderflow.rate-limit.*} ({@link IdentityLimits}): sliding windows in
     * Redis; over a limit answers 429 with Retry-After. They fail open when Redis is down.
     */
    @ConfigMapping(prefix = "orderflow.rate-limit")
    interface RateLimit {
        /**
         * Logins from one IP (an IPv6 client's /64) per window. 30 a minute: a few people behind one
         * address still get in. There is no per-email limit: a stranger could spend it and lock the
         * owner out; {@link LoginBackoff} (orderflow.identity.login-backoff) slows guessing instead.
         */
        @WithName("login-per-ip.permits")
        @WithDefault("30")
        @Positive
        int loginPerIpPermits();

        /** The window those permits are counted in: 1 min. */
        @WithName("login-per-ip.window")
        @WithDefault("1m")
        @DurationMin(millis = 1)
        Duration loginPerIpWindow();

        /** Registrations from one IP per window. 20 an hour: against account farming. */
        @WithName("register-per-ip.permits")
        @WithDefault("20")
        @Positive
        int registerPerIpPermits();

        /** The window those permits are counted in: 1 h. */
        @WithName("register-per-ip.window")
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration registerPerIpWindow();

        /** Writes by one signed-in user per window. 120 a minute: far above a person using the app. */
        @WithName("writes-per-user.permits")
        @WithDefault("120")
        @Positive
        int writesPerUserPermits();

        /** The window those permits are counted in: 1 min. */
        @WithName("writes-per-user.window")
        @WithDefault("1m")
        @DurationMin(millis = 1)
        Duration writesPerUserWindow();
    }
}
