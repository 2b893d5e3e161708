package io.orderflow.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One-value queries and updates as the owner, for asserting on rows. */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String value(String sql, Object... params) {
        return query(sql, params, rows -> rows.next() ? rows.getString(1) : null);
    }

    /** The first column of the first row as JDBC reads it (Long, Boolean, Timestamp, ...), or null when there is no row. */
    public static Object scalar(String sql, Object... params) {
        return query(sql, params, rows -> rows.next() ? rows.getObject(1) : null);
    }

    /** The first column of every row, as text. */
    public static List<String> strings(String sql, Object... params) {
        return query(sql, params, rows -> {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        });
    }

    public static long count(String sql, Object... params) {
        return Long.parseLong(value(sql, params));
    }

    public static int update(String sql, Object... params) {
        try (Connection db = OwnerDatabase.owner(); PreparedStatement statement = prepare(db, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(String sql, Object[] params, Reader<T> reader) {
        try (Connection db = OwnerDatabase.owner(); PreparedStatement statement = prepare(db, sql, params);
             ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... params) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
