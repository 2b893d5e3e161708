package io.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The invariants of docs/architecture.md, read from the same SQL the operations scripts and the bench
 * run (one row per invariant with its violation count), so the tests can't drift from them.
 * Tests call {@link #assertHold()} after every concurrent scenario; any count above 0 fails
 * the test, naming the invariant.
 */
public final class Invariants {

    /** Relative to the project root, where Maven runs the tests. */
    private static final Path SQL = Path.of("scripts/sql/invariants.sql");

    private Invariants() {
    }

    public static void assertHold() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        try (Connection db = OwnerDatabase.owner();
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql())) {
            while (rows.next()) {
                checked++;
                long violations = rows.getLong("violations");
                if (violations != 0) {
                    broken.add(rows.getString("invariant") + ": " + violations + " rows");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the invariants of " + SQL, e);
        }
        assertFalse(checked == 0, SQL + " checked no invariant");
        assertEquals(List.of(), broken, "invariant violations");
    }

    private static String sql() {
        try {
            return Files.readString(SQL);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the invariants from " + SQL.toAbsolutePath(), e);
        }
    }
}
