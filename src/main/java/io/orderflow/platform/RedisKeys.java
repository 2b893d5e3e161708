package io.orderflow.platform;

/** Redis key names: {@code orderflow:{module}:{resource}:{id}}. Every key written also gets a TTL. */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String key(String module, String resource, Object id) {
        return "orderflow:" + module + ":" + resource + ":" + id;
    }
}
