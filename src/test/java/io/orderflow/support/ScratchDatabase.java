package io.orderflow.support;

import io.orderflow.platform.SchemaMigration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own for one *IT test, created as scripts/sql/database.sql creates orderflow's (owned by
 * the owner role, connectable by the application role) and dropped on {@link #close()}, after the jars using it stopped. Connection settings
 * are the environment's, read as the migrate command reads them.
 */
public final class ScratchDatabase implements AutoCloseable {

    public final String name;
    private final SchemaMigration settings;

    private ScratchDatabase(String name, SchemaMigration settings) {
        this.name = name;
        this.settings = settings;
    }

    public static ScratchDatabase create() throws SQLException {
        String name = "orderflow_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SchemaMigration settings = SchemaMigration.fromEnvironment(System.getenv());
        try (Connection db = ownerOn(settings, settings.jdbcUrl()); Statement statement = db.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + settings.applicationRole());
        }
        return new ScratchDatabase(name, settings);
    }

    /** The environment a jar started on this database gets. */
    public Map<String, String> environment() {
        return Map.of("ORDERFLOW_DB_NAME", name);
    }

    public Connection owner() throws SQLException {
        return ownerOn(settings, jdbcUrl());
    }

    @Override
    public void close() throws SQLException {
        try (Connection db = ownerOn(settings, settings.jdbcUrl()); Statement statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private String jdbcUrl() {
        return settings.jdbcUrl().substring(0, settings.jdbcUrl().lastIndexOf('/') + 1) + name;
    }

    private static Connection ownerOn(SchemaMigration settings, String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, settings.owner(), settings.ownerPassword());
    }
}
