package io.orderflow.platform;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Refuses to start on a schema older than this build: migrations are their own step ({@link SchemaMigration}),
 * so a server started before it would otherwise fail request by request on missing columns. A schema
 * newer than the build is served: during a rolling deploy the old instances keep running after the new
 * build's migrate step (migrations stay backward compatible for one release, docs/architecture.md).
 * Runs before every other start-up observer, several of which write to the database.
 */
@ApplicationScoped
class SchemaVersion {

    private final Flyway flyway;

    SchemaVersion(Flyway flyway) {
        this.flyway = flyway;
    }

    void check(@Observes @Priority(0) StartupEvent start) {
        MigrationInfo[] pending;
        MigrationInfo current;
        try {
            MigrationInfoService info = flyway.info();
            pending = info.pending();
            current = info.current();
        } catch (FlywayException e) {
            throw refusal("the schema version could not be read (" + firstLine(e.getMessage()) + ")");
        }
        if (pending.length > 0) {
            String at = current == null ? "empty" : "at version " + current.getVersion();
            throw refusal("the database schema is " + at + " and this build needs version "
                    + pending[pending.length - 1].getVersion());
        }
    }

    private static ConfigurationException refusal(String reason) {
        return new ConfigurationException("orderflow cannot start: " + reason
                + "; run the migrate step first: java -jar quarkus-run.jar migrate (make migrate), with ORDERFLOW_DB_OWNER_PASSWORD set");
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("").strip();
    }
}
