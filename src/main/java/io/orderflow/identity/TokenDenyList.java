package io.orderflow.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens revoked by logout, one Redis key per token id that lives as long as the token
 * would have. Fails open: without Redis a revoked token keeps working until it expires (at most
 * the 15-minute access-token life), which is logged and counted in
 * {@code orderflow_redis_fail_open_total{use="deny-list"}}, rather than every request failing.
 */
@ApplicationScoped
public class TokenDenyList {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final RedisFailOpen failOpen;

    TokenDenyList(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.failOpen = new RedisFailOpen(metrics, "deny-list", "logged-out tokens keep working until they expire");
    }

    public Uni<Void> deny(String tokenId, Instant expiresAt) {
        long secondsLeft = Duration.between(Instant.now(), expiresAt).toSeconds() + 1;
        if (secondsLeft <= 0) {
            return Uni.createFrom().voidItem();
        }
        return failOpen.run(values.setex(key(tokenId), secondsLeft, "1"));
    }

    public Uni<Boolean> isDenied(String tokenId) {
        return failOpen.call(keys.exists(key(tokenId)), false);
    }

    private static String key(String tokenId) {
        return RedisKeys.key("identity", "denied-token", tokenId);
    }
}
