package io.orderflow.inventory;

import io.orderflow.catalog.OpeningStock;
import io.orderflow.platform.DataAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL behind stock levels and the stock ledger. A null cursor value means "from the start":
 * it is coalesced to a bound that sorts before every row, so each page is one index range scan.
 */
@DataAccess
@ApplicationScoped
public class StockLedger {

    static final String LEVELS = """
            SELECT id, product_id, quantity_on_hand, quantity_reserved, quantity_available, reorder_point,
                   warehouse_location, last_counted_at
            FROM inventory WHERE product_id = $1""";

    static final String OPEN = """
            INSERT INTO inventory (product_id, quantity_on_hand, reorder_point, warehouse_location)
            VALUES ($1, $2, $3, $4)""";

    /** One statement, so no interleaving can take on hand below zero or below what is reserved. */
    static final String APPLY = """
            UPDATE inventory SET quantity_on_hand = quantity_on_hand + $2,
                   last_counted_at = CASE WHEN $3 THEN now() ELSE last_counted_at END
            WHERE product_id = $1 AND quantity_on_hand + $2 >= quantity_reserved
            RETURNING id, product_id, quantity_on_hand, quantity_reserved, quantity_available, reorder_point,
                      warehouse_location, last_counted_at""";

    static final String RECORD = """
            INSERT INTO inventory_transactions (product_id, type, quantity_change, notes, created_by)
            VALUES ($1, $2, $3, $4, $5)""";

    static final String AVAILABILITY = """
            SELECT product_id, quantity_available, reorder_point FROM inventory WHERE product_id = ANY($1)""";

    static final String LEDGER_PAGE = """
            SELECT id, product_id, order_id, type, quantity_change, notes, created_by, created_at
            FROM inventory_transactions
            WHERE product_id = $1
              AND (created_at, id) < (coalesce($2, 'infinity'::timestamptz),
                                      coalesce($3, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""";

    /**
     * Reads products for the SKU, name and stock-tracking flag: untracked digital goods have an
     * inventory row that always reads zero and must not be reported as running low.
     */
    static final String LOW_STOCK_PAGE = """
            SELECT i.product_id, p.sku, p.name, i.quantity_on_hand, i.quantity_reserved, i.quantity_available, i.reorder_point
            FROM inventory i JOIN products p ON p.id = i.product_id
            WHERE i.quantity_available < i.reorder_point
              AND i.product_id > coalesce($1, '00000000-0000-0000-0000-000000000000'::uuid)
              AND p.track_inventory AND p.deleted_at IS NULL
            ORDER BY i.product_id
            LIMIT $2""";

    Uni<StockLevels> levels(SqlClient client, UUID productId) {
        return client.preparedQuery(LEVELS).execute(Tuple.of(productId)).map(rows -> first(rows, StockLevels::from));
    }

    Uni<Void> open(SqlClient tx, UUID productId, OpeningStock opening) {
        return tx.preparedQuery(OPEN)
                .execute(Tuple.of(productId, opening.onHand(), opening.reorderPoint(), opening.warehouseLocation()))
                .replaceWithVoid();
    }

    /** The stock row a change was applied to (its id is what audit rows name) and its new levels. */
    record Applied(UUID inventoryId, StockLevels levels) {
    }

    /** The changed row, or null when the product has no stock row or the change would not fit. */
    Uni<Applied> apply(SqlClient tx, UUID productId, int quantityChange, boolean counted) {
        return tx.preparedQuery(APPLY).execute(Tuple.of(productId, quantityChange, counted))
                .map(rows -> first(rows, row -> new Applied(row.getUUID("id"), StockLevels.from(row))));
    }

    Uni<Void> record(SqlClient tx, UUID productId, String type, int quantityChange, String notes, UUID createdBy) {
        return tx.preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] {productId, type, quantityChange, notes, createdBy}))
                .replaceWithVoid();
    }

    Uni<List<Row>> availability(SqlClient client, Collection<UUID> productIds) {
        return client.preparedQuery(AVAILABILITY).execute(Tuple.of(productIds.toArray(UUID[]::new))).map(StockLedger::list);
    }

    Uni<List<LedgerEntry>> ledgerPage(SqlClient client, UUID productId, OffsetDateTime afterCreatedAt, UUID afterId, int fetch) {
        return client.preparedQuery(LEDGER_PAGE).execute(Tuple.of(productId, afterCreatedAt, afterId, fetch))
                .map(rows -> list(rows).stream().map(LedgerEntry::from).toList());
    }

    Uni<List<LowStockItem>> lowStockPage(SqlClient client, UUID afterProductId, int fetch) {
        return client.preparedQuery(LOW_STOCK_PAGE).execute(Tuple.of(afterProductId, fetch))
                .map(rows -> list(rows).stream().map(LowStockItem::from).toList());
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var found = rows.iterator();
        return found.hasNext() ? mapper.apply(found.next()) : null;
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }
}
