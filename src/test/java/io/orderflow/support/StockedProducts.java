package io.orderflow.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Products for tests of other modules, written as the owner: an active physical product with
 * its inventory row and the purchase ledger row that explains its stock.
 */
public final class StockedProducts {

    private StockedProducts() {
    }

    public static UUID create(long priceCents, int onHand) {
        UUID id = UUID.randomUUID();
        String suffix = id.toString().replace("-", "");
        try (Connection db = OwnerDatabase.owner()) {
            execute(db, "INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency)"
                    + " VALUES (?, ?, ?, 'Test widget', 'tools', 'physical', ?, 'USD')", id, "SKU-" + suffix, "p-" + suffix, priceCents);
            execute(db, "INSERT INTO inventory (product_id, quantity_on_hand) VALUES (?, ?)", id, onHand);
            execute(db, "INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES (?, 'purchase', ?)", id, onHand);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test product", e);
        }
        return id;
    }

    public static void setPrice(UUID productId, long priceCents) {
        update("UPDATE products SET price_cents = ? WHERE id = ?", priceCents, productId);
    }

    public static void deactivate(UUID productId) {
        update("UPDATE products SET is_active = false WHERE id = ?", productId);
    }

    private static void update(String sql, Object... values) {
        try (Connection db = OwnerDatabase.owner()) {
            execute(db, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update a test product", e);
        }
    }

    static void execute(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
