package io.orderflow.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.ClientAddresses;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed logins slow down the address they come from, per email: after the free failures each
 * further one doubles a wait during which that address's logins as that email answer 429
 * login-backoff without a password check. Keyed by address and email together, so a stranger
 * hammering an account never locks its owner out from anywhere else; a success clears the count.
 * Fails open like the rate limits: without Redis nobody waits (bcrypt stays bounded by {@link Passwords}).
 */
@ApplicationScoped
public class LoginBackoff {

    /*
     * Counts one failure and, past the free ones, starts the wait: initial * 2^(failures past free - 1),
     * at most max. The count is forgotten max after the last failure. Answers the wait in milliseconds (0: none).
     * KEYS[1] failures, KEYS[2] wait; ARGV: free failures, initial wait ms, max wait ms. Both keys have the address and
     * email as hash tag (RedisKeys), so they share a slot on a Redis Cluster, as this script and succeeded's DEL need.
     */
    static final String FAIL = """
            local failures = redis.call('INCR', KEYS[1])
            local max = tonumber(ARGV[3])
            redis.call('PEXPIRE', KEYS[1], max)
            local past = failures - tonumber(ARGV[1])
            if past <= 0 then
              return 0
            end
            local wait = max
            if past <= 62 then
              wait = math.min(max, tonumber(ARGV[2]) * 2 ^ (past - 1))
            end
            wait = math.floor(wait)
            redis.call('SET', KEYS[2], failures, 'PX', wait)
            return wait""";

    private final ReactiveRedisDataSource redis;
    private final RedisFailOpen failOpen;
    private final IdentityConfig.LoginBackoff config;

    LoginBackoff(ReactiveRedisDataSource redis, MeterRegistry metrics, IdentityConfig config) {
        this.redis = redis;
        this.failOpen = new RedisFailOpen(metrics, "login-backoff", "failed logins are not slowed down");
        this.config = config.loginBackoff();
    }

    /** Fails with {@link LoginBackedOffException} while this address must wait before trying this email again. */
    public Uni<Void> check(String ip, String email) {
        Uni<Long> remainingMillis = redis.execute("PTTL", waitKey(ip, email)).map(answer -> answer.toLong());
        return failOpen.call(remainingMillis, -1L)
                .invoke(millis -> {
                    if (millis > 0) {
                        throw new LoginBackedOffException((millis + 999) / 1000);
                    }
                })
                .replaceWithVoid();
    }

    /** Counts a failed login of this address as this email. */
    public Uni<Void> failed(String ip, String email) {
        return failOpen.run(redis.execute("EVAL", FAIL, "2", failuresKey(ip, email), waitKey(ip, email),
                Integer.toString(config.freeFailures()), Long.toString(config.initialWait().toMillis()),
                Long.toString(config.maxWait().toMillis())));
    }

    /** A successful login forgets the failures. */
    public Uni<Void> succeeded(String ip, String email) {
        return failOpen.run(redis.execute("DEL", failuresKey(ip, email), waitKey(ip, email)));
    }

    private static String failuresKey(String ip, String email) {
        return RedisKeys.tagged("identity", "login-failures", ClientAddresses.limitKey(ip) + ":" + email);
    }

    private static String waitKey(String ip, String email) {
        return RedisKeys.tagged("identity", "login-wait", ClientAddresses.limitKey(ip) + ":" + email);
    }
}
