package io.orderflow.platform;

import io.vertx.redis.client.impl.ZModem;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key names on a Redis Cluster, with the slot function the Vert.x cluster client routes commands by. */
class RedisKeysTest {

    @Test
    void theKeysOfOneIdShareASlot() {
        String id = "203.0.113.7:ada@example.com";

        assertEquals(slot(RedisKeys.tagged("identity", "login-failures", id)), slot(RedisKeys.tagged("identity", "login-wait", id)));
    }

    @Test
    void anIdHoldingBracesStillKeepsItsKeysInOneSlot() {
        String id = "203.0.113.7:{a}b}@example.com";

        assertEquals(slot(RedisKeys.tagged("identity", "login-failures", id)), slot(RedisKeys.tagged("identity", "login-wait", id)));
    }

    @Test
    void theKeysOfDifferentIdsSpreadOverTheSlots() {
        Set<Integer> slots = IntStream.range(0, 100)
                .mapToObj(i -> slot(RedisKeys.tagged("cart", "cart", "user:" + UUID.randomUUID())))
                .collect(Collectors.toSet());

        assertTrue(slots.size() > 90, slots.size() + " slots for 100 ids");
    }

    private static int slot(String key) {
        return ZModem.generate(key);
    }
}
