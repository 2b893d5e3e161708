package io.orderflow.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code migrate} command: applies the build's migrations as the owner role and exits. It reads the
 * same environment variables as the server (with the same local defaults as application.properties) plus
 * the owner's, and runs before Quarkus starts, so no HTTP port, scheduler or Redis connection is involved.
 * Exit codes: 0 migrated or already current, 1 the migration failed, 2 a required setting is missing.
 */
public record SchemaMigration(String jdbcUrl, String owner, String ownerPassword, String applicationRole) {

    public static final String COMMAND = "migrate";
    static final String OWNER_PASSWORD = "ORDERFLOW_DB_OWNER_PASSWORD";

    public static SchemaMigration fromEnvironment(Map<String, String> env) {
        String address = env.getOrDefault("ORDERFLOW_DB_HOST", "127.0.0.1") + ":" + env.getOrDefault("ORDERFLOW_DB_PORT", "5432");
        return new SchemaMigration(
                "jdbc:postgresql://" + address + "/" + env.getOrDefault("ORDERFLOW_DB_NAME", "orderflow"),
                env.getOrDefault("ORDERFLOW_DB_OWNER", "orderflow_owner"),
                env.getOrDefault(OWNER_PASSWORD, ""),
                env.getOrDefault("ORDERFLOW_DB_USER", "orderflow_app"));
    }

    public int run(PrintStream out, PrintStream err) {
        if (ownerPassword.isEmpty()) {
            err.println("orderflow migrate: " + OWNER_PASSWORD + " is not set (the password of the owner role "
                    + owner + "); nothing was changed");
            return 2;
        }
        try {
            MigrateResult result = flyway().migrate();
            out.println("orderflow migrate: " + jdbcUrl + " " + describe(result));
            return 0;
        } catch (FlywayException e) {
            err.println("orderflow migrate: " + jdbcUrl + " failed: " + e.getMessage());
            return 1;
        }
    }

    private Flyway flyway() {
        // Keep in step with application.properties' quarkus.flyway.* (the %dev and %test profiles migrate at start).
        return Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", applicationRole))
                .cleanDisabled(true)
                .load();
    }

    private static String describe(MigrateResult result) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return result.migrationsExecuted == 0
                ? "is up to date at version " + version
                : "migrated from version " + (result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion)
                        + " to " + version + " (" + result.migrationsExecuted + " migrations)";
    }
}
