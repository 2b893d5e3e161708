package io.orderflow.support;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * JDBC connections for tests that must look at or write rows the application role can't
 * (constraint checks, invariants): as the owner role, or as the application role itself.
 */
public final class OwnerDatabase {

    private OwnerDatabase() {
    }

    public static Connection owner() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(jdbcUrl(),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }

    public static Connection application() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(jdbcUrl(),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    public static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    /** Runs one parameterised statement ({@code ?} placeholders) on the given connection. */
    public static void execute(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
