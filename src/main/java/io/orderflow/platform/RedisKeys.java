package io.orderflow.platform;

/**
 * Redis key names: {@code orderflow:{module}:{resource}:{id}}. Every key written also gets a TTL.
 * Pub/sub channels are named {@code orderflow:{module}:{event}}; they hold nothing, so need none.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String key(String module, String resource, Object id) {
        return "orderflow:" + module + ":" + resource + ":" + id;
    }

    public static String channel(String module, String event) {
        return "orderflow:" + module + ":" + event;
    }
}
