package io.orderflow.identity;

import io.orderflow.platform.RateLimiter;
import io.orderflow.platform.RateLimiter.Limit;
import io.smallrye.config.ConfigMapping;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/** Identity's rate limits (login, registration, writes), configured under {@code orderflow.rate-limit}. */
@ApplicationScoped
public class IdentityLimits {

    @ConfigMapping(prefix = "orderflow.rate-limit")
    public interface Config {
        Window loginPerEmail();

        Window loginPerIp();

        Window registerPerIp();

        Window writesPerUser();

        interface Window {
            int permits();

            Duration window();
        }
    }

    private final RateLimiter limiter;
    private final Limit loginPerEmail;
    private final Limit loginPerIp;
    private final Limit registerPerIp;
    private final Limit writesPerUser;

    IdentityLimits(RateLimiter limiter, Config config) {
        this.limiter = limiter;
        this.loginPerEmail = limit("login-email", config.loginPerEmail());
        this.loginPerIp = limit("login-ip", config.loginPerIp());
        this.registerPerIp = limit("register-ip", config.registerPerIp());
        this.writesPerUser = limit("writes-user", config.writesPerUser());
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

    private static Limit limit(String name, Config.Window window) {
        return new Limit(name, window.permits(), window.window());
    }
}
