package io.orderflow.platform;

import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Metrics;
import io.orderflow.support.Poll;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A replica nobody answers on: listings still work, from the primary, counted as fallbacks because it is down. */
@QuarkusTest
@TestProfile(ReadReplicaDownTest.UnreachableReplica.class)
class ReadReplicaDownTest {

    public static class UnreachableReplica extends ConfigOverrides {
        public UnreachableReplica() {
            super(Map.of("orderflow.replica.address", "127.0.0.1:1", "orderflow.replica.check-every", "50MS"));
        }
    }

    private static final String DOWN = "orderflow_replica_fallbacks_total{instance=\"test\",reason=\"down\"}";

    @Test
    void listingsReadOnThePrimaryWhileTheReplicaIsDown() {
        UUID id = TestProducts.create("Replica down " + UUID.randomUUID(), 1500, 3);
        Poll.until(Duration.ofSeconds(10), "a listing counted as a fallback from a replica that is down", () -> {
            double before = Metrics.value(DOWN);
            ReadReplicaFallbackTest.listingShows(id);
            return Metrics.value(DOWN) > before;
        });
        assertEquals(0, Metrics.value(ReadReplicaFallbackTest.REPLICA_READS));
    }
}
