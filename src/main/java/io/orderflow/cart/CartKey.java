package io.orderflow.cart;

import io.orderflow.platform.RedisKeys;

import java.util.UUID;

/**
 * Which cart a request works on: a signed-in customer's, keyed by user id, or a guest's,
 * keyed by the id {@code POST /cart} handed out. Guest carts must exist before use; a
 * customer's cart comes into being with its first line.
 */
record CartKey(String redisKey, boolean guest) {

    static CartKey user(UUID userId) {
        return new CartKey(RedisKeys.key("cart", "cart", "user:" + userId), false);
    }

    static CartKey guest(UUID cartId) {
        return new CartKey(RedisKeys.key("cart", "cart", "guest:" + cartId), true);
    }
}
