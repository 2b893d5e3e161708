package io.orderflow.platform;

/**
 * Redis key names: {@code orderflow:<module>:<resource>:<id>}, or {@code orderflow:<module>:<resource>:{<id>}} for
 * keys used together. Every key written also gets a TTL.
 * <p>
 * The same code runs on one Redis server or a Redis Cluster, where a command or script may only use several keys
 * when they lie in one hash slot. A cluster hashes a whole key to pick its slot, unless the key holds a hash tag:
 * then only the part between the first {@code {}} and the next {@code }}. So keys a command or script uses together
 * are built with {@link #tagged}: the keys of one id share a slot whatever their module and resource, while the keys
 * of different ids still spread over the cluster. An id holding braces keeps its keys together as long as it does not
 * start with {@code }} (an empty tag makes the cluster hash the whole key): tagged ids here start with a UUID, an
 * address or a fixed prefix such as {@code user:}. A use that reads many ids at once must not need them in one slot.
 * <p>
 * Pub/sub channels are named {@code orderflow:<module>:<event>}; they hold nothing, so need neither TTL nor tag
 * (a cluster forwards every publish to the subscribers on all its nodes).
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** A key no command or script uses together with another. */
    public static String key(String module, String resource, Object id) {
        return "orderflow:" + module + ":" + resource + ":" + id;
    }

    /** A key with {@code id} as its hash tag: it may be used together with any other tagged key of the same id. */
    public static String tagged(String module, String resource, Object id) {
        return "orderflow:" + module + ":" + resource + ":{" + id + "}";
    }

    public static String channel(String module, String event) {
        return "orderflow:" + module + ":" + event;
    }
}
