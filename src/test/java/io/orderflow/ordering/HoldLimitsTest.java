package io.orderflow.ordering;

import io.orderflow.platform.ConflictException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hold-limit arithmetic without Quarkus: pending orders, units in all, units of one product. */
class HoldLimitsTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void underEveryCapPasses() {
        List<HoldLimits.Held> held = List.of(new HoldLimits.Held(UUID.randomUUID(), A, 50));
        assertTrue(HoldLimits.refusal(held, Map.of(A, 50, B, 10), 2, 200, 100).isEmpty());
    }

    @Test
    void theOrderAfterTheLastAllowedPendingOneIsRefused() {
        UUID first = UUID.randomUUID();
        List<HoldLimits.Held> held = List.of(new HoldLimits.Held(first, A, 1), new HoldLimits.Held(first, B, 1),
                new HoldLimits.Held(UUID.randomUUID(), A, 1));
        assertEquals("too-many-pending-orders", HoldLimits.refusal(held, Map.of(B, 1), 2, 1000, 1000).orElseThrow().type());
    }

    @Test
    void unitsOverTheTotalAreRefused() {
        List<HoldLimits.Held> held = List.of(new HoldLimits.Held(UUID.randomUUID(), A, 90));
        ConflictException refused = HoldLimits.refusal(held, Map.of(B, 11), 5, 100, 1000).orElseThrow();
        assertEquals("hold-limit", refused.type());
        assertTrue(HoldLimits.refusal(held, Map.of(B, 10), 5, 100, 1000).isEmpty());
    }

    @Test
    void unitsOfOneProductOverItsCapAreRefused() {
        List<HoldLimits.Held> held = List.of(new HoldLimits.Held(UUID.randomUUID(), A, 150));
        assertEquals("hold-limit", HoldLimits.refusal(held, Map.of(A, 51), 5, 1000, 200).orElseThrow().type());
        assertTrue(HoldLimits.refusal(held, Map.of(A, 50, B, 200), 5, 1000, 200).isEmpty());
    }
}
