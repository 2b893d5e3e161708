package io.orderflow.platform;

import io.orderflow.support.PackagedJar;
import io.orderflow.support.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Migrations as their own step (issue 14, item 5): {@code java -jar quarkus-run.jar migrate} migrates as the
 * owner, the server runs without the owner's password and refuses a schema behind its build.
 */
class SchemaMigrationIT {

    private static final Duration START = Duration.ofSeconds(90);
    private ScratchDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = ScratchDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void migrateAppliesEveryMigrationAndASecondRunChangesNothing() throws Exception {
        PackagedJar first = PackagedJar.start(database.environment(), "migrate");
        assertEquals(0, first.exitCode(START), first.output());
        assertThat(first.output(), containsString("migrated from version none to " + latestVersion()));
        assertEquals(latestVersion(), schemaVersion());

        PackagedJar second = PackagedJar.start(database.environment(), "migrate");
        assertEquals(0, second.exitCode(START), second.output());
        assertThat(second.output(), containsString("is up to date at version " + latestVersion()));
    }

    @Test
    void migrateWithoutTheOwnerPasswordNamesItAndChangesNothing() throws Exception {
        PackagedJar jar = PackagedJar.start(without("ORDERFLOW_DB_OWNER_PASSWORD"), "migrate");
        assertEquals(2, jar.exitCode(START), jar.output());
        assertThat(jar.output(), containsString("ORDERFLOW_DB_OWNER_PASSWORD is not set"));
        assertFalse(historyExists(), "nothing was migrated");
    }

    @Test
    void theServerRunsWithoutTheOwnerPasswordOnAMigratedSchema() throws Exception {
        migrate();
        PackagedJar server = PackagedJar.start(without("ORDERFLOW_DB_OWNER_PASSWORD"));
        try {
            server.awaitServing(START);
        } finally {
            server.close();
        }
    }

    @Test
    void theServerRefusesAnEmptySchemaInOneLine() throws Exception {
        PackagedJar server = PackagedJar.start(database.environment());
        assertEquals(1, server.exitCode(START), server.output());
        assertThat(server.output(), containsString("orderflow cannot start: the database schema is empty and this build needs version "
                + latestVersion() + "; run the migrate step first: java -jar quarkus-run.jar migrate"));
        assertFalse(historyExists(), "the server migrated nothing");
    }

    @Test
    void theServerRefusesASchemaBehindItsBuildNamingBothVersions() throws Exception {
        migrate();
        String latest = latestVersion();
        execute("DELETE FROM flyway_schema_history WHERE version = '" + latest + "'");
        String previous = schemaVersion();

        PackagedJar server = PackagedJar.start(database.environment());
        assertEquals(1, server.exitCode(START), server.output());
        assertThat(server.output(), containsString("the database schema is at version " + previous
                + " and this build needs version " + latest));
    }

    @Test
    void theServerServesASchemaAheadOfItsBuild() throws Exception {
        migrate();
        execute("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                   installed_by, execution_time, success)
                SELECT max(installed_rank) + 1, '999', 'from a newer build', 'SQL', 'V999__from_a_newer_build.sql', 0,
                       current_user, 0, true
                  FROM flyway_schema_history""");
        PackagedJar server = PackagedJar.start(database.environment());
        try {
            server.awaitServing(START);
        } finally {
            server.close();
        }
    }

    private void migrate() throws Exception {
        PackagedJar jar = PackagedJar.start(database.environment(), "migrate");
        assertEquals(0, jar.exitCode(START), jar.output());
    }

    private Map<String, String> without(String variable) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put(variable, null);
        return environment;
    }

    /** The highest V<n>__ file in migrations/: what this build needs. */
    private static String latestVersion() throws IOException {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            return Integer.toString(files.map(file -> versioned.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max().orElseThrow());
        }
    }

    private String schemaVersion() throws SQLException {
        try (Connection db = database.owner(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY version::int DESC LIMIT 1")) {
            row.next();
            return row.getString(1);
        }
    }

    private boolean historyExists() throws SQLException {
        try (Connection db = database.owner(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = database.owner(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
