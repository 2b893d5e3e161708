package io.orderflow.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(TokenDenyList.class);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final Counter failedOpen;

    TokenDenyList(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.failedOpen = metrics.counter("orderflow.redis.fail.open", "use", "deny-list");
    }

    public Uni<Void> deny(String tokenId, Instant expiresAt) {
        long secondsLeft = Duration.between(Instant.now(), expiresAt).toSeconds() + 1;
        if (secondsLeft <= 0) {
            return Uni.createFrom().voidItem();
        }
        return values.setex(key(tokenId), secondsLeft, "1")
                .onFailure().recoverWithItem(failure -> {
                    failOpen("not recorded", tokenId, failure);
                    return null;
                });
    }

    public Uni<Boolean> isDenied(String tokenId) {
        return keys.exists(key(tokenId))
                .onFailure().recoverWithItem(failure -> {
                    failOpen("not checked", tokenId, failure);
                    return false;
                });
    }

    private void failOpen(String what, String tokenId, Throwable failure) {
        failedOpen.increment();
        LOG.warnf("Token deny-list %s for token %s, Redis did not answer: %s", what, tokenId, failure.toString());
    }

    private static String key(String tokenId) {
        return RedisKeys.key("identity", "denied-token", tokenId);
    }
}
