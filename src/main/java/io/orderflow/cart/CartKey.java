package io.orderflow.cart;

import io.orderflow.platform.RedisKeys;

import java.util.UUID;

/**
 * Which cart a request works on: a signed-in customer's, keyed by user id, or a guest's,
 * keyed by the id {@code POST /cart} handed out. Guest carts must exist before use; a
 * customer's cart comes into being with its first line. Every Redis key of a cart has the
 * owner as its hash tag (platform/RedisKeys), so a script may use them together on a cluster.
 */
record CartKey(String owner, boolean guest) {

    static CartKey user(UUID userId) {
        return new CartKey("user:" + userId, false);
    }

    static CartKey guest(UUID cartId) {
        return new CartKey("guest:" + cartId, true);
    }

    /** The cart itself: a hash of its lines. */
    String redisKey() {
        return RedisKeys.tagged("cart", "cart", owner);
    }

    /** A guest cart taken by a merge that has not finished: its lines until the merge has added them. */
    String takenKey() {
        return RedisKeys.tagged("cart", "merging", owner);
    }

    /** The guest carts already added into a customer's cart, so a merge run again adds none twice. */
    String mergedKey() {
        return RedisKeys.tagged("cart", "merged", owner);
    }
}
