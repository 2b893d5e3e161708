package io.orderflow.support;

import java.util.Map;

/** A test profile whose Redis is a closed port, for what must happen when Redis is down. */
public class RedisUnreachable extends ConfigOverrides {

    public RedisUnreachable() {
        super(Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s"));
    }
}
