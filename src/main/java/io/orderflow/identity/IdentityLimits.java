package io.orderflow.identity;

import io.orderflow.platform.ClientAddresses;
import io.orderflow.platform.RateLimiter;
import io.orderflow.platform.RateLimiter.Limit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Identity's rate limits (login, registration, writes), configured under {@code orderflow.rate-limit}
 * ({@link IdentityConfig.RateLimit}). Per-address limits count an IPv6 client by its /64
 * ({@link ClientAddresses}). There is no per-email login limit: anyone could spend it and lock the
 * account's owner out; {@link LoginBackoff} slows guessing per address and email instead.
 */
@ApplicationScoped
public class IdentityLimits {

    private final RateLimiter limiter;
    private final Limit loginPerIp;
    private final Limit registerPerIp;
    private final Limit writesPerUser;

    IdentityLimits(RateLimiter limiter, IdentityConfig.RateLimit config) {
        this.limiter = limiter;
        this.loginPerIp = new Limit("login-ip", config.loginPerIpPermits(), config.loginPerIpWindow());
        this.registerPerIp = new Limit("register-ip", config.registerPerIpPermits(), config.registerPerIpWindow());
        this.writesPerUser = new Limit("writes-user", config.writesPerUserPermits(), config.writesPerUserWindow());
    }

    /** One login attempt, counted for the address it comes from. */
    public Uni<Void> loginAttempt(String ip) {
        return limiter.acquire(loginPerIp, ClientAddresses.limitKey(ip));
    }

    public Uni<Void> registration(String ip) {
        return limiter.acquire(registerPerIp, ClientAddresses.limitKey(ip));
    }

    public Uni<Void> write(UUID userId) {
        return limiter.acquire(writesPerUser, userId.toString());
    }
}
