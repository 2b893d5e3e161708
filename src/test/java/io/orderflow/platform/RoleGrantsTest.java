package io.orderflow.platform;

import io.orderflow.support.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The application role holds only the DML the application needs. */
@QuarkusTest
class RoleGrantsTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "CREATE TABLE intruder (id int)",
            "DROP TABLE orders",
            "ALTER TABLE products ADD COLUMN intruder int",
            "TRUNCATE audit_logs",
            "DELETE FROM audit_logs",
            "UPDATE audit_logs SET action = 'view'",
            "DELETE FROM inventory_transactions",
            "UPDATE inventory_transactions SET quantity_change = 1",
            "DELETE FROM orders",
            "DELETE FROM payments",
            "DELETE FROM products",
            "DELETE FROM users"})
    void applicationRoleIsRefused(String sql) throws SQLException {
        try (Connection db = OwnerDatabase.application(); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql));
                assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(), refused.getMessage());
            } finally {
                db.rollback();
            }
        }
    }
}
