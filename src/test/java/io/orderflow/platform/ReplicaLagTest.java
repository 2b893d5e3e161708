package io.orderflow.platform;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Staleness from WAL positions: the time since the newest primary position the replica has replayed. */
class ReplicaLagTest {

    @Test
    void aReplicaThatReplayedTheNewestPositionIsAsOldAsThatSample() {
        ReplicaLag lag = new ReplicaLag(1_000);
        lag.primaryAt(1_000, 500);
        assertEquals(OptionalLong.of(3), lag.stalenessMillis(500, 1_003));
        assertEquals(OptionalLong.of(3), lag.stalenessMillis(900, 1_003));
    }

    @Test
    void aReplicaBehindIsAsOldAsTheNewestPositionItReached() {
        ReplicaLag lag = new ReplicaLag(1_000);
        lag.primaryAt(0, 100);
        lag.primaryAt(100, 200);
        lag.primaryAt(200, 300);
        assertEquals(OptionalLong.of(250), lag.stalenessMillis(150, 250));
        assertEquals(OptionalLong.of(150), lag.stalenessMillis(299, 250));
    }

    @Test
    void aReplicaBehindEverySampleKeptIsOfUnknownAge() {
        ReplicaLag lag = new ReplicaLag(1_000);
        lag.primaryAt(0, 10);
        lag.primaryAt(2_000, 20);
        assertEquals(OptionalLong.empty(), lag.stalenessMillis(15, 2_001), "the sample at 0 is older than the window and gone");
        assertEquals(OptionalLong.empty(), lag.stalenessMillis(5, 2_001));
    }
}
