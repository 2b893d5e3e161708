package io.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Money at the sandbox gateway equals money in the database, checked with the same SQL the fault
 * suite runs (scripts/sql/gateway-ledger.sql), for the orders a test made (and for any charge
 * the gateway holds without a payment).
 */
public final class GatewayLedger {

    private static final Path SQL = Path.of("scripts/sql/gateway-ledger.sql");

    private GatewayLedger() {
    }

    public static void assertMatches(Collection<String> orderIds) {
        String query = "SELECT * FROM (" + sql() + ") ledger WHERE ledger.order_id IS NULL OR ledger.order_id = ANY (?::uuid[])";
        List<String> differences = new ArrayList<>();
        try (Connection db = OwnerDatabase.owner(); PreparedStatement statement = db.prepareStatement(query)) {
            statement.setArray(1, db.createArrayOf("uuid", orderIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    differences.add(rows.getString("check") + ": order " + rows.getString("order_id") + ", payment " + rows.getString("payment_id"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compare the gateway ledger with " + SQL, e);
        }
        assertEquals(List.of(), differences, "gateway ledger differs from the database");
    }

    public static void assertMatches(String... orderIds) {
        assertMatches(List.of(orderIds));
    }

    private static String sql() {
        try {
            return Files.readString(SQL).strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SQL.toAbsolutePath(), e);
        }
    }
}
