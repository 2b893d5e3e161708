package io.orderflow.inventory;

import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds stock for orders: reserve, consume (sell), release, and return. Every method runs
 * inside the caller's transaction. Rows are touched in product-id order so concurrent
 * orders never deadlock; the database's CHECKs make overselling impossible regardless.
 * Only tracked products belong in these calls (digital goods sold without stock skip them).
 */
@ApplicationScoped
public class StockReservations {

    static final String RESERVE = """
            UPDATE inventory SET quantity_reserved = quantity_reserved + $2
            WHERE product_id = $1 AND quantity_on_hand - quantity_reserved >= $2
            RETURNING quantity_available""";

    static final String AVAILABLE = """
            SELECT product_id, quantity_available FROM inventory WHERE product_id = ANY($1)""";

    static final String RECORD_RESERVATIONS = """
            INSERT INTO reservations (order_id, product_id, quantity, expires_at)
            SELECT $1, line.product_id, line.quantity, $4
            FROM unnest($2::uuid[], $3::int[]) AS line (product_id, quantity)""";

    static final String CLOSE_ACTIVE = """
            UPDATE reservations SET status = $2
            WHERE order_id = $1 AND status = 'active'
            RETURNING product_id, quantity""";

    static final String SELL = """
            UPDATE inventory SET quantity_on_hand = quantity_on_hand - $2, quantity_reserved = quantity_reserved - $2
            WHERE product_id = $1""";

    static final String UNRESERVE = """
            UPDATE inventory SET quantity_reserved = quantity_reserved - $2 WHERE product_id = $1""";

    /** The units the order bought and has not returned yet, or only those of the products in $2 (null: all); marked returned. */
    static final String RETURN_SOLD = """
            UPDATE reservations SET status = 'returned'
            WHERE order_id = $1 AND status = 'consumed' AND ($2::uuid[] IS NULL OR product_id = ANY($2))
            RETURNING product_id, quantity""";

    static final String RESTOCK = """
            UPDATE inventory SET quantity_on_hand = quantity_on_hand + $2 WHERE product_id = $1""";

    static final String RECORD_HOLD = """
            INSERT INTO reservations (waitlist_entry_id, product_id, quantity, expires_at) VALUES ($1, $2, 1, $3)""";

    static final String CLOSE_HOLD = """
            UPDATE reservations SET status = 'released'
            WHERE waitlist_entry_id = $1 AND status = 'active'
            RETURNING product_id, quantity""";

    static final String LEDGER = """
            INSERT INTO inventory_transactions (product_id, order_id, type, quantity_change, created_by)
            SELECT line.product_id, $1, $4, line.quantity_change, $5
            FROM unnest($2::uuid[], $3::int[]) AS line (product_id, quantity_change)""";

    /**
     * Reserves every line for the order until {@code expiresAt}: the reservation rows, then one conditional
     * UPDATE per line in product-id order, all sent at once (the connection pipelines them and PostgreSQL runs
     * them in that order). Call it as the transaction's last step, so the stock rows stay locked only until the
     * commit right after. Fails with {@link OutOfStockException} listing every short line; the caller's transaction
     * must then roll back, which undoes the lines that did fit, and pass the exception to
     * {@link SoldOutGate#close} so the next buyers of a sold-out product are answered before the reserve step.
     */
    public Uni<Void> reserve(SqlClient tx, UUID orderId, List<StockLine> lines, Instant expiresAt) {
        List<StockLine> ordered = inProductOrder(lines);
        List<Uni<Optional<StockLine>>> statements = new ArrayList<>();
        statements.add(record(tx, orderId, ordered, expiresAt).replaceWith(Optional.empty()));
        ordered.forEach(line -> statements.add(tx.preparedQuery(RESERVE).execute(Tuple.of(line.productId(), line.quantity()))
                .map(rows -> rows.rowCount() == 0 ? Optional.of(line) : Optional.empty())));
        return Uni.join().all(statements).andFailFast().chain(outcomes -> {
            List<StockLine> unreserved = outcomes.stream().flatMap(Optional::stream).toList();
            return unreserved.isEmpty() ? Uni.createFrom().voidItem() : failShort(tx, unreserved);
        });
    }

    /**
     * Turns the order's active reservations into sales: on hand and reserved both drop, one SALE ledger row each.
     * The stock rows are updated last, so they stay locked only until the caller's commit.
     */
    public Uni<Void> consume(SqlClient tx, UUID orderId, Actor actor) {
        return closeActive(tx, orderId, "consumed")
                .chain(closed -> Uni.join().all(ledger(tx, orderId, closed, "sale", -1, actor), adjustEach(tx, closed, SELL)).andFailFast())
                .replaceWithVoid();
    }

    /**
     * Gives the order's active reservations back to the available stock. Emits the products whose
     * stock came back, for {@link SoldOutGate#open} once the caller's transaction has committed.
     */
    public Uni<List<UUID>> release(SqlClient tx, UUID orderId) {
        return closeActive(tx, orderId, "released")
                .call(closed -> adjustEach(tx, closed, UNRESERVE))
                .map(StockReservations::productList);
    }

    /**
     * Puts the stock an order bought back on hand, one RETURN ledger row per line; units already returned are not
     * returned again. Emits the products whose stock came back, for {@link SoldOutGate#open} once the caller's
     * transaction has committed.
     */
    public Uni<List<UUID>> returnSold(SqlClient tx, UUID orderId, Actor actor) {
        return returnSold(tx, orderId, null, actor);
    }

    /** As {@link #returnSold(SqlClient, UUID, Actor)}, for the order's lines of {@code productIds} only. */
    public Uni<List<UUID>> returnSold(SqlClient tx, UUID orderId, List<UUID> productIds, Actor actor) {
        UUID[] only = productIds == null ? null : productIds.toArray(UUID[]::new);
        return tx.preparedQuery(RETURN_SOLD).execute(Tuple.of(orderId, only))
                .map(rows -> inProductOrder(toLines(rows)))
                .call(sold -> adjustEach(tx, sold, RESTOCK))
                .call(sold -> ledger(tx, orderId, sold, "return", 1, actor))
                .map(StockReservations::productList);
    }

    /**
     * Holds one unit of the product for a waitlist offer until {@code expiresAt}: the same conditional UPDATE as an
     * order's, and a reservation that belongs to the offer. Emits false, holding nothing, when no unit is available.
     * The hold counts as reserved stock until {@link #releaseHold}; nobody else can buy it meanwhile.
     */
    public Uni<Boolean> hold(SqlClient tx, UUID waitlistEntryId, UUID productId, Instant expiresAt) {
        return tx.preparedQuery(RESERVE).execute(Tuple.of(productId, 1)).chain(rows -> rows.rowCount() == 0
                ? Uni.createFrom().item(false)
                : tx.preparedQuery(RECORD_HOLD).execute(Tuple.of(waitlistEntryId, productId, expiresAt.atOffset(ZoneOffset.UTC)))
                        .replaceWith(true));
    }

    /**
     * Gives an offer's held unit back to the available stock (declined, expired, or about to be bought by its
     * customer in the same transaction). Emits whether the offer still held one.
     */
    public Uni<Boolean> releaseHold(SqlClient tx, UUID waitlistEntryId) {
        return tx.preparedQuery(CLOSE_HOLD).execute(Tuple.of(waitlistEntryId))
                .chain(rows -> {
                    List<StockLine> released = toLines(rows);
                    return adjustEach(tx, released, UNRESERVE).replaceWith(!released.isEmpty());
                });
    }

    /** Units available now, per product; products without an inventory row are absent. */
    public Uni<Map<UUID, Integer>> available(SqlClient client, Collection<UUID> productIds) {
        return client.preparedQuery(AVAILABLE).execute(Tuple.of(productIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Integer> available = new HashMap<>();
                    rows.forEach(row -> available.put(row.getUUID(0), row.getInteger(1)));
                    return available;
                });
    }

    private Uni<Void> record(SqlClient tx, UUID orderId, List<StockLine> lines, Instant expiresAt) {
        return tx.preparedQuery(RECORD_RESERVATIONS)
                .execute(Tuple.of(orderId, productIds(lines), quantities(lines, 1), expiresAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Fails with the lines whose conditional UPDATE found too little stock, each with what is available now. */
    private Uni<Void> failShort(SqlClient tx, List<StockLine> unreserved) {
        return available(tx, unreserved.stream().map(StockLine::productId).toList()).map(available -> {
            throw new OutOfStockException(unreserved.stream()
                    .map(line -> new OutOfStockException.ShortLine(line.productId(), line.quantity(), available.getOrDefault(line.productId(), 0)))
                    .toList());
        });
    }

    private Uni<List<StockLine>> closeActive(SqlClient tx, UUID orderId, String status) {
        return tx.preparedQuery(CLOSE_ACTIVE).execute(Tuple.of(orderId, status))
                .map(rows -> inProductOrder(toLines(rows)));
    }

    /** One statement per line, sent at once in the lines' (product-id) order, which PostgreSQL keeps. */
    private static Uni<Void> adjustEach(SqlClient tx, List<StockLine> lines, String sql) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(lines.stream()
                        .map(line -> tx.preparedQuery(sql).execute(Tuple.of(line.productId(), line.quantity())).replaceWithVoid())
                        .toList())
                .andFailFast().replaceWithVoid();
    }

    private static Uni<Void> ledger(SqlClient tx, UUID orderId, List<StockLine> lines, String type, int sign, Actor actor) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(LEDGER)
                .execute(Tuple.of(orderId, productIds(lines), quantities(lines, sign), type, actor.userId()))
                .replaceWithVoid();
    }

    private static List<StockLine> toLines(Iterable<Row> rows) {
        List<StockLine> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(new StockLine(row.getUUID("product_id"), row.getInteger("quantity"))));
        return lines;
    }

    private static List<StockLine> inProductOrder(List<StockLine> lines) {
        return lines.stream().sorted(Comparator.comparing(StockLine::productId)).toList();
    }

    private static List<UUID> productList(List<StockLine> lines) {
        return lines.stream().map(StockLine::productId).toList();
    }

    private static UUID[] productIds(List<StockLine> lines) {
        return lines.stream().map(StockLine::productId).toArray(UUID[]::new);
    }

    private static Integer[] quantities(List<StockLine> lines, int sign) {
        return lines.stream().map(line -> sign * line.quantity()).toArray(Integer[]::new);
    }
}
