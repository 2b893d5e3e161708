package io.orderflow.platform;

import io.orderflow.support.ConfigOverrides;
import io.orderflow.support.Metrics;
import io.orderflow.support.Poll;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A "replica" that is the primary itself is not in recovery: it may have parted from the primary's data (a
 * promoted standby), so listings never read there and each is counted as a fallback to the primary.
 */
@QuarkusTest
@TestProfile(ReadReplicaFallbackTest.PrimaryAsReplica.class)
class ReadReplicaFallbackTest {

    public static class PrimaryAsReplica extends ConfigOverrides {
        public PrimaryAsReplica() {
            // A long max-lag: after a write, listings stay on the primary for 3 s, longer than a slow machine takes to list.
            super(Map.of("orderflow.replica.address", "${orderflow.database.address}", "orderflow.replica.check-every", "50MS",
                    "orderflow.replica.max-lag", "3S"));
        }
    }

    static final String NOT_REPLICA = "orderflow_replica_fallbacks_total{instance=\"test\",reason=\"not-replica\"}";
    static final String RECENT_WRITE = "orderflow_replica_fallbacks_total{instance=\"test\",reason=\"recent-write\"}";
    static final String REPLICA_READS = "orderflow_replica_reads_total{instance=\"test\"}";

    @Test
    void listingsReadOnThePrimaryWhenTheReplicaIsNotInRecovery() {
        UUID id = TestProducts.create("Replica fallback " + UUID.randomUUID(), 1500, 3);
        Poll.until(Duration.ofSeconds(20), "a listing counted as a not-replica fallback", () -> {
            double before = Metrics.value(NOT_REPLICA);
            listingShows(id);
            return Metrics.value(NOT_REPLICA) > before;
        });
        assertEquals(0, Metrics.value(REPLICA_READS));
    }

    @Test
    void aProductChangeSendsTheNextListingsToThePrimary() {
        UUID id = TestProducts.create("Replica after write " + UUID.randomUUID(), 1500, 3);
        given().header("Authorization", TestAccounts.staff("manager").bearer()).contentType("application/json")
                .body(Map.of("name", "Replica after write, renamed"))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);
        double before = Metrics.value(RECENT_WRITE);
        listingShows(id);
        assertEquals(before + 1, Metrics.value(RECENT_WRITE));
    }

    static void listingShows(UUID id) {
        // A query of its own each time: a first page from the cache would not read at all.
        given().queryParam("query", "replica").queryParam("limit", 50).queryParam("minPriceCents", 1 + (int) (Math.random() * 1000))
                .when().get("/api/v1/products")
                .then().statusCode(200).body("items.id", hasItem(id.toString()));
    }
}
