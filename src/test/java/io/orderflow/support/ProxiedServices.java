package io.orderflow.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the application and PostgreSQL (its reactive pool; Flyway and the
 * tests' JDBC stay direct) and another between it and Redis, started before Quarkus and closed
 * after it stops, so a fault test can cut and restore either without touching the shared servers.
 * A test profile lists it in {@code testResources()}; its tests reach the proxies through
 * {@link #database()} and {@link #redis()}.
 */
public class ProxiedServices implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy database;
    private static volatile TcpProxy redis;

    @Override
    public Map<String, String> start() {
        Config config = ConfigProvider.getConfig();
        URI postgres = URI.create("tcp://" + config.getValue("orderflow.database.address", String.class));
        URI cache = URI.create(config.getValue("quarkus.redis.hosts", String.class).split(",")[0].strip());
        database = TcpProxy.to(postgres.getHost(), postgres.getPort());
        redis = TcpProxy.to(cache.getHost(), cache.getPort() == -1 ? 6379 : cache.getPort());
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + database.port() + "/${orderflow.database.name}",
                "quarkus.redis.hosts", viaProxy(cache, redis.port()));
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The Redis URL with its host and port replaced by the proxy's; credentials and database kept. */
    private static String viaProxy(URI redisUrl, int port) {
        try {
            return new URI(redisUrl.getScheme(), redisUrl.getUserInfo(), "127.0.0.1", port, redisUrl.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a Redis URL: " + redisUrl, e);
        }
    }

    public static TcpProxy database() {
        return started(database);
    }

    public static TcpProxy redis() {
        return started(redis);
    }

    private static TcpProxy started(TcpProxy proxy) {
        if (proxy == null) {
            throw new IllegalStateException("ProxiedServices is not started: list it in the test profile's testResources()");
        }
        return proxy;
    }
}
