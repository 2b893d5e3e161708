package io.orderflow.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL streaming replica for reads that may lag a little ({@link ReadReplica}), under
 * {@code orderflow.replica}. It holds the primary's databases and roles, so it is reached with the
 * same database name, user and password.
 */
@ConfigMapping(prefix = "orderflow.replica")
public interface ReplicaConfig {

    /** host:port of the replica (ORDERFLOW_REPLICA_ADDRESS); unset: every read goes to the primary. */
    Optional<@Pattern(regexp = "[^:/\\s]+:\\d{1,5}", message = "must be host:port") String> address();

    /**
     * How far behind the primary the replica may be and still serve reads. 500 ms: a listing it
     * serves is then at most this plus the first-page cache's second old.
     */
    @WithDefault("500MS")
    @DurationMin(millis = 1)
    Duration maxLag();

    /** How often the lag is measured (one query on each side). 200 ms: well inside max-lag. */
    @WithDefault("200MS")
    @DurationMin(millis = 10)
    Duration checkEvery();

    /** Connections to the replica. 8: it serves listings and searches only. */
    @WithDefault("8")
    @Min(1)
    int poolSize();
}
