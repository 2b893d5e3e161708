package io.orderflow.identity;

import io.orderflow.platform.RateLimiter;
import io.orderflow.platform.RateLimiter.Limit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Identity's rate limits (login, registration, writes), configured under {@code orderflow.rate-limit} ({@link IdentityConfig.RateLimit}). */
@ApplicationScoped
public class IdentityLimits {

    private final RateLimiter limiter;
    private final Limit loginPerEmail;
    private final Limit loginPerIp;
    private final Limit registerPerIp;
    private final Limit writesPerUser;

    IdentityLimits(RateLimiter limiter, IdentityConfig.RateLimit config) {
        this.limiter = limiter;
        this.loginPerEmail = new Limit("login-email", config.loginPerEmailPermits(), config.loginPerEmailWindow());
        this.loginPerIp = new Limit("login-ip", config.loginPerIpPermits(), config.loginPerIpWindow());
        this.registerPerIp = new Limit("register-ip", config.registerPerIpPermits(), config.registerPerIpWindow());
        this.writesPerUser = new Limit("writes-user", config.writesPerUserPermits(), config.writesPerUserWindow());
    }

    /** One login attempt, counted for the address it comes from and the account it names. */
    public Uni<Void> loginAttempt(String email, String ip) {
        return limiter.acquire(loginPerIp, ip).chain(() -> limiter.acquire(loginPerEmail, email));
    }

    public Uni<Void> registration(String ip) {
        return limiter.acquire(registerPerIp, ip);
    }

    public Uni<Void> write(UUID userId) {
        return limiter.acquire(writesPerUser, userId.toString());
    }
}
