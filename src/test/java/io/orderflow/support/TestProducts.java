package io.orderflow.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Products written straight into the catalog and stock, as the owner: each test gets its own. */
public final class TestProducts {

    private TestProducts() {
    }

    /** A physical product priced {@code priceCents} USD with {@code onHand} units (and their PURCHASE ledger row). */
    public static UUID stocked(int onHand, long priceCents) {
        UUID id = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            insertProduct(db, id, "physical", priceCents, true);
            execute(db, "INSERT INTO inventory (product_id, quantity_on_hand) VALUES (?, ?)", id, onHand);
            if (onHand > 0) {
                execute(db, "INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (?, 'purchase', ?)", id, onHand);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test product", e);
        }
        return id;
    }

    /** A digital product sold without counting stock. */
    public static UUID digital(long priceCents) {
        UUID id = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            insertProduct(db, id, "digital", priceCents, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test product", e);
        }
        return id;
    }

    private static void insertProduct(Connection db, UUID id, String kind, long priceCents, boolean tracked) throws SQLException {
        String suffix = id.toString().replace("-", "").substring(0, 16);
        execute(db, "INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency, track_inventory)"
                        + " VALUES (?, ?, ?, ?, 'tools', ?, ?, 'USD', ?)",
                id, "SKU-" + suffix, "p-" + suffix, "Thing " + suffix, kind, priceCents, tracked);
    }

    private static void execute(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
