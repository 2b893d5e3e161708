package io.orderflow.inventory;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.catalog.Availability;
import io.orderflow.catalog.OpeningStock;
import io.orderflow.catalog.ProductStock;
import io.orderflow.platform.Actor;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stock levels, staff adjustments, the ledger and the low-stock list; the only writer of stock besides reservations. */
@ApplicationScoped
public class InventoryService implements ProductStock {

    private final Pool db;
    private final StockLedger ledger;
    private final AuditLog audit;
    private final SoldOutGate gate;

    InventoryService(Pool db, StockLedger ledger, AuditLog audit, SoldOutGate gate) {
        this.db = db;
        this.ledger = ledger;
        this.audit = audit;
        this.gate = gate;
    }

    public Uni<StockLevels> levels(UUID productId) {
        return existingLevels(db, productId);
    }

    /**
     * Applies a staff change in one transaction: the conditional update, its ledger row and its
     * audit row. A change that does not fit fails with {@link InsufficientStockException} and changes nothing.
     * Added stock opens the product's sold-out gate once committed.
     */
    public Uni<StockLevels> adjust(UUID productId, StockAdjustment change, Actor actor) {
        requireDirection(change);
        return db.withTransaction(tx -> ledger.apply(tx, productId, change.quantityChange(), change.isCount())
                        .chain(applied -> applied != null ? Uni.createFrom().item(applied) : refuse(tx, productId, change))
                        .call(applied -> ledger.record(tx, productId, change.type(), change.quantityChange(), change.notes(), actor.userId()))
                        .call(applied -> audit.record(tx, auditOf(applied, change, actor))))
                .call(() -> change.quantityChange() > 0 ? gate.open(List.of(productId)) : Uni.createFrom().voidItem())
                .map(StockLedger.Applied::levels);
    }

    @Override
    public Uni<Void> open(SqlClient tx, UUID productId, OpeningStock opening, Actor actor) {
        Uni<Void> opened = ledger.open(tx, productId, opening);
        return opening.onHand() == 0 ? opened
                : opened.chain(() -> ledger.record(tx, productId, "purchase", opening.onHand(), "Opening stock", actor.userId()));
    }

    @Override
    public Uni<Map<UUID, Availability>> availability(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ledger.availability(db, productIds).map(rows -> {
            Map<UUID, Availability> availability = new HashMap<>();
            rows.forEach(row -> availability.put(row.getUUID("product_id"),
                    Availability.of(row.getInteger("quantity_available"), row.getInteger("reorder_point"))));
            return availability;
        });
    }

    /** The product's ledger, newest first. */
    public Uni<Page<LedgerEntry>> transactions(UUID productId, String cursor, int limit) {
        Cursor.After after = Cursor.After.of(cursor);
        return existingLevels(db, productId)
                .chain(() -> ledger.ledgerPage(db, productId, after.createdAt(), after.id(), limit + 1))
                .map(rows -> Page.of(rows, limit, entry -> Cursor.After.cursor(entry.createdAt(), entry.id())));
    }

    /** Tracked, live products whose available quantity is below their reorder point, in product-id order. */
    public Uni<Page<LowStockItem>> lowStock(String cursor, int limit) {
        UUID after = cursor == null ? null : Cursor.decode(cursor, 1, values -> UUID.fromString(values.get(0)));
        return ledger.lowStockPage(db, after, limit + 1)
                .map(rows -> Page.of(rows, limit, item -> Cursor.encode(item.productId())));
    }

    private Uni<StockLevels> existingLevels(SqlClient client, UUID productId) {
        return ledger.levels(client, productId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Stock of product " + productId));
    }

    /** The change did not apply: say whether the product is unknown or the stock too low. */
    private Uni<StockLedger.Applied> refuse(SqlClient tx, UUID productId, StockAdjustment change) {
        return existingLevels(tx, productId).map(levels -> {
            throw new InsufficientStockException(levels, change.quantityChange());
        });
    }

    private static void requireDirection(StockAdjustment change) {
        if (change.quantityChange() == 0) {
            throw new BadRequestException("invalid-adjustment", "quantityChange must not be 0");
        }
        if (change.addsStockOnly() && change.quantityChange() < 0) {
            throw new BadRequestException("invalid-adjustment", "A " + change.type() + " adds stock: quantityChange must be positive");
        }
    }

    private static AuditEntry auditOf(StockLedger.Applied applied, StockAdjustment change, Actor actor) {
        StockLevels now = applied.levels();
        Map<String, Object> before = Map.of("productId", now.productId(), "onHand", now.onHand() - change.quantityChange(),
                "reserved", now.reserved());
        Map<String, Object> after = Map.of("productId", now.productId(), "onHand", now.onHand(), "reserved", now.reserved(),
                "type", change.type(), "quantityChange", change.quantityChange());
        return AuditEntry.updated(actor, "inventory", applied.inventoryId(), before, after);
    }
}
