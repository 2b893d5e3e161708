package io.orderflow.platform;

import io.orderflow.support.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MigrationsTest {

    @Test
    void migrationsApplyToAnEmptySchemaAndRerunningThemIsANoOp() throws Exception {
        String schema = "migration_check_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var config = ConfigProvider.getConfig();
        Flyway flyway = Flyway.configure()
                .dataSource(OwnerDatabase.jdbcUrl(),
                        config.getValue("quarkus.flyway.username", String.class),
                        config.getValue("quarkus.flyway.password", String.class))
                .locations("classpath:db/migration")
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .placeholders(java.util.Map.of("app_role", config.getValue("quarkus.datasource.username", String.class)))
                .load();
        try {
            MigrateResult first = flyway.migrate();
            assertTrue(first.migrationsExecuted > 0, "an empty schema gets every migration");
            assertEquals(0, flyway.migrate().migrationsExecuted, "a second run applies nothing");
            assertEquals(0, flyway.validateWithResult().invalidMigrations.size());
        } finally {
            try (Connection db = OwnerDatabase.owner(); Statement statement = db.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
