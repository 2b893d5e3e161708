package io.orderflow.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.orderflow.platform.Rows;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * A user's role, active flag and token version as every authenticated request checks them
 * ({@link AccessCheckAugmentor}), cached in Redis for {@code orderflow.identity.access-cache-ttl}.
 * Readers only fill an empty key (SET NX) and an access change overwrites it from PostgreSQL after
 * its commit, so a reader that read just before the change cannot put the old record back. Without
 * Redis every check reads PostgreSQL (one primary-key read): the check never fails open.
 */
@ApplicationScoped
public class UserAccess {

    static final String FIND = """
            SELECT role, is_active AND deleted_at IS NULL AS active, token_version FROM users WHERE id = $1""";

    /** What a token must still match. */
    public record Access(String role, boolean active, int tokenVersion) {

        String encode() {
            return tokenVersion + "|" + (active ? "1" : "0") + "|" + role;
        }

        static Access decode(String value) {
            String[] parts = value.split("\\|", 3);
            return new Access(parts[2], "1".equals(parts[1]), Integer.parseInt(parts[0]));
        }
    }

    private final Pool db;
    private final ReactiveValueCommands<String, String> values;
    private final RedisFailOpen failOpen;
    private final long ttlSeconds;

    UserAccess(Pool db, ReactiveRedisDataSource redis, MeterRegistry metrics, IdentityConfig config) {
        this.db = db;
        this.values = redis.value(String.class);
        this.failOpen = new RedisFailOpen(metrics, "access-cache", "access checks read PostgreSQL");
        this.ttlSeconds = Math.max(1, config.accessCacheTtl().toSeconds());
    }

    /** The user's current access, empty when there is no such user. */
    public Uni<Optional<Access>> of(UUID userId) {
        return failOpen.call(values.get(key(userId)), null)
                .chain(cached -> cached != null
                        ? Uni.createFrom().item(Optional.of(Access.decode(cached)))
                        : read(userId).call(found -> found.map(access -> fill(userId, access)).orElseGet(Uni.createFrom()::voidItem)));
    }

    /** After an access change commits: the cache says what PostgreSQL now says, on every instance. */
    public Uni<Void> changed(UUID userId) {
        return read(userId).chain(found -> found
                .map(access -> failOpen.run(values.setex(key(userId), ttlSeconds, access.encode())))
                .orElseGet(Uni.createFrom()::voidItem));
    }

    private Uni<Optional<Access>> read(UUID userId) {
        return db.preparedQuery(FIND).execute(Tuple.of(userId))
                .map(rows -> Rows.first(rows, row -> new Access(row.getString("role"), row.getBoolean("active"),
                        row.getInteger("token_version"))));
    }

    private Uni<Void> fill(UUID userId, Access access) {
        return failOpen.run(values.set(key(userId), access.encode(), new SetArgs().nx().ex(ttlSeconds)));
    }

    private static String key(UUID userId) {
        return RedisKeys.key("identity", "access", userId);
    }
}
