package io.orderflow.ordering;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.catalog.ProductSnapshot;
import io.orderflow.identity.AddressSnapshot;
import io.orderflow.inventory.StockLine;
import io.orderflow.payment.PaymentStatus;
import io.orderflow.platform.Actor;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.DataAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The orders and order_items tables. Status changes are conditional UPDATEs that write their audit row. */
@DataAccess
@ApplicationScoped
public class Orders {

    /** A line to write: the catalog snapshot and the quantity ordered. */
    public record NewLine(ProductSnapshot product, int quantity) {

        long lineTotalCents() {
            return product.priceCents() * quantity;
        }
    }

    /** A priced order about to be written. */
    public record NewOrder(UUID id, UUID customerId, String idempotencyKey, List<NewLine> lines, long subtotalCents,
                           long shippingCents, long taxCents, String currency, UUID shippingAddressId, UUID billingAddressId,
                           AddressSnapshot shippingAddress, AddressSnapshot billingAddress) {

        long totalCents() {
            return subtotalCents + shippingCents + taxCents;
        }

        /** The lines whose stock is counted; digital goods sold without stock are not. */
        List<StockLine> trackedLines() {
            return lines.stream()
                    .filter(line -> line.product().trackInventory())
                    .map(line -> new StockLine(line.product().id(), line.quantity()))
                    .toList();
        }
    }

    static final String INSERT_ORDER = """
            INSERT INTO orders (id, customer_id, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
                                shipping_address_id, billing_address_id, idempotency_key, shipping_address, billing_address)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            RETURNING order_number""";

    static final String INSERT_ITEMS = """
            INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)
            SELECT $1, line.product_id, line.sku, line.name, line.price, line.quantity, line.price * line.quantity
            FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::bigint[], $6::int[])
                 AS line (product_id, sku, name, price, quantity)""";

    static final String ORDER = """
            SELECT id, order_number, customer_id, status, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
                   shipping_address_id, billing_address_id, shipping_address, billing_address,
                   created_at, confirmed_at, cancelled_at, cancellation_reason
            FROM orders WHERE id = $1""";

    static final String ITEMS = """
            SELECT product_id, sku, product_name, unit_price_cents, quantity, line_total_cents
            FROM order_items WHERE order_id = $1 ORDER BY product_id""";

    // The attempt that paid the order when there is one, else the latest; late captures never stand for the order.
    static final String PAYMENT = """
            SELECT p.id, p.status, p.amount_cents, p.amount_refunded_cents, p.failure_reason,
                   (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'pending') AS refund_pending_cents
            FROM payments p WHERE p.order_id = $1 AND NOT p.late_capture
            ORDER BY p.status IN ('succeeded', 'refunded') DESC, p.attempted_at DESC, p.created_at DESC LIMIT 1""";

    // Every change of an order's state, payments and refunds included, starts by locking its row,
    // so those changes queue up and each sees what the one before it left.
    static final String LOCK_STATUS = """
            SELECT status FROM orders WHERE id = $1 FOR UPDATE""";

    static final String LOCK_STATUS_OF_PAYMENT = """
            SELECT o.id, o.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.id = $1
            FOR UPDATE OF o""";

    /** An order's id and status, read under its row lock. */
    public record LockedOrder(UUID id, OrderStatus status) {
    }

    static final String MINE_FIRST_PAGE = """
            SELECT id, order_number, status, total_cents, currency, created_at FROM orders
            WHERE customer_id = $1 AND ($2::varchar IS NULL OR status = $2)
            ORDER BY created_at DESC, id DESC LIMIT $3""";

    static final String MINE_AFTER = """
            SELECT id, order_number, status, total_cents, currency, created_at FROM orders
            WHERE customer_id = $1 AND ($2::varchar IS NULL OR status = $2) AND (created_at, id) < ($4, $5)
            ORDER BY created_at DESC, id DESC LIMIT $3""";

    // Locks the order row first, as every status change does, so concurrent changes queue instead of deadlocking.
    static final String CONFIRM = """
            UPDATE orders SET status = 'confirmed', confirmed_at = now()
            WHERE id = $1 AND status = 'pending'
            RETURNING id""";

    static final String CANCEL = """
            UPDATE orders SET status = 'cancelled', cancelled_at = now(), cancellation_reason = $3
            WHERE id = $1 AND status = $2
            RETURNING id""";

    // A PENDING order may be paid while it still holds its stock (digital-only orders hold none).
    static final String PAYABLE = """
            SELECT 1 FROM orders o
            WHERE o.id = $1 AND o.status = 'pending'
              AND NOT EXISTS (SELECT 1 FROM reservations r
                              WHERE r.order_id = o.id AND (r.status <> 'active' OR r.expires_at <= now()))""";

    private final AuditLog audit;

    Orders(AuditLog audit) {
        this.audit = audit;
    }

    /** Writes the PENDING order and its lines; emits the order number. */
    public Uni<String> insert(SqlClient tx, NewOrder order, Actor actor) {
        return tx.preparedQuery(INSERT_ORDER).execute(Tuple.from(new Object[] {
                        order.id(), order.customerId(), order.subtotalCents(), order.shippingCents(), order.taxCents(),
                        order.totalCents(), order.currency(), order.shippingAddressId(), order.billingAddressId(), order.idempotencyKey(),
                        JsonObject.mapFrom(order.shippingAddress()), JsonObject.mapFrom(order.billingAddress())}))
                .map(rows -> rows.iterator().next().getString("order_number"))
                .call(() -> insertItems(tx, order))
                .call(number -> audit.record(tx, AuditEntry.created(actor, "order", order.id(), Map.of(
                        "orderNumber", number, "status", OrderStatus.PENDING, "totalCents", order.totalCents(), "currency", order.currency()))));
    }

    /** The order with its lines and payment: three reads sent at once on one connection (pipelined, not three connections). */
    public Uni<Optional<OrderView>> find(Pool db, UUID orderId) {
        return db.withConnection(connection -> Uni.combine().all()
                .unis(connection.preparedQuery(ORDER).execute(Tuple.of(orderId)), items(connection, orderId), payment(connection, orderId))
                .with((rows, items, payment) -> {
                    var found = rows.iterator();
                    return found.hasNext() ? Optional.of(toView(found.next(), items, payment.orElse(null))) : Optional.<OrderView>empty();
                }));
    }

    /** A customer's orders, newest first, after the keyset position {@code after}. */
    public Uni<List<OrderSummary>> mine(SqlClient client, UUID customerId, String status, Cursor.After after, int fetch) {
        var query = after == Cursor.After.FIRST
                ? client.preparedQuery(MINE_FIRST_PAGE).execute(Tuple.of(customerId, status, fetch))
                : client.preparedQuery(MINE_AFTER).execute(Tuple.of(customerId, status, fetch, after.createdAt(), after.id()));
        return query.map(rows -> {
            List<OrderSummary> orders = new ArrayList<>();
            rows.forEach(row -> orders.add(new OrderSummary(row.getUUID("id"), row.getString("order_number"),
                    OrderStatus.of(row.getString("status")), row.getLong("total_cents"), row.getString("currency"), instant(row, "created_at"))));
            return orders;
        });
    }

    /** PENDING -> CONFIRMED. False when the order was no longer pending. */
    public Uni<Boolean> confirm(SqlClient tx, UUID orderId, Actor actor) {
        return tx.preparedQuery(CONFIRM).execute(Tuple.of(orderId))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : audit.record(tx, AuditEntry.updated(actor, "order", orderId, Map.of("status", OrderStatus.PENDING), Map.of("status", OrderStatus.CONFIRMED))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** {@code from} -> CANCELLED with the reason. False when the order was no longer {@code from}. */
    public Uni<Boolean> cancel(SqlClient tx, UUID orderId, OrderStatus from, String reason, Actor actor) {
        return tx.preparedQuery(CANCEL).execute(Tuple.of(orderId, from.value(), reason))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : audit.record(tx, AuditEntry.updated(actor, "order", orderId, Map.of("status", from),
                                Map.of("status", OrderStatus.CANCELLED, "cancellationReason", reason))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Locks the order's row until the caller's transaction ends; emits its status, empty when there is no such order. */
    public Uni<Optional<OrderStatus>> lockStatus(SqlClient tx, UUID orderId) {
        return tx.preparedQuery(LOCK_STATUS).execute(Tuple.of(orderId)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(OrderStatus.of(found.next().getString("status"))) : Optional.<OrderStatus>empty();
        });
    }

    /** Locks the row of the order a payment attempt belongs to, as settling starts; fails when there is no such payment. */
    public Uni<LockedOrder> lockOfPayment(SqlClient tx, UUID paymentId) {
        return tx.preparedQuery(LOCK_STATUS_OF_PAYMENT).execute(Tuple.of(paymentId)).map(rows -> {
            Row row = rows.iterator().next();
            return new LockedOrder(row.getUUID("id"), OrderStatus.of(row.getString("status")));
        });
    }

    public Uni<Boolean> isPayable(SqlClient client, UUID orderId) {
        return client.preparedQuery(PAYABLE).execute(Tuple.of(orderId)).map(rows -> rows.rowCount() == 1);
    }

    private Uni<Void> insertItems(SqlClient tx, NewOrder order) {
        List<NewLine> lines = order.lines();
        return tx.preparedQuery(INSERT_ITEMS).execute(Tuple.of(order.id(),
                        lines.stream().map(l -> l.product().id()).toArray(UUID[]::new),
                        lines.stream().map(l -> l.product().sku()).toArray(String[]::new),
                        lines.stream().map(l -> l.product().name()).toArray(String[]::new),
                        lines.stream().map(l -> l.product().priceCents()).toArray(Long[]::new),
                        lines.stream().map(NewLine::quantity).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    static Uni<List<OrderView.Item>> items(SqlClient client, UUID orderId) {
        return client.preparedQuery(ITEMS).execute(Tuple.of(orderId)).map(rows -> {
            List<OrderView.Item> items = new ArrayList<>();
            rows.forEach(row -> items.add(new OrderView.Item(row.getUUID("product_id"), row.getString("sku"),
                    row.getString("product_name"), row.getLong("unit_price_cents"), row.getInteger("quantity"),
                    row.getLong("line_total_cents"))));
            return items;
        });
    }

    private static Uni<Optional<OrderView.PaymentSummary>> payment(SqlClient client, UUID orderId) {
        return client.preparedQuery(PAYMENT).execute(Tuple.of(orderId)).map(rows -> {
            var found = rows.iterator();
            if (!found.hasNext()) {
                return Optional.<OrderView.PaymentSummary>empty();
            }
            Row row = found.next();
            return Optional.of(new OrderView.PaymentSummary(row.getUUID("id"), PaymentStatus.of(row.getString("status")), row.getLong("amount_cents"),
                    row.getLong("amount_refunded_cents"), row.getLong("refund_pending_cents"), row.getString("failure_reason")));
        });
    }

    private static OrderView toView(Row row, List<OrderView.Item> items, OrderView.PaymentSummary payment) {
        return new OrderView(row.getUUID("id"), row.getString("order_number"), row.getUUID("customer_id"),
                OrderStatus.of(row.getString("status")), items, row.getLong("subtotal_cents"), row.getLong("shipping_cents"),
                row.getLong("tax_cents"), row.getLong("total_cents"), row.getString("currency"),
                row.getUUID("shipping_address_id"), row.getUUID("billing_address_id"),
                address(row, "shipping_address"), address(row, "billing_address"), instant(row, "created_at"),
                instant(row, "confirmed_at"), instant(row, "cancelled_at"), row.getString("cancellation_reason"), payment);
    }

    private static AddressSnapshot address(Row row, String column) {
        JsonObject value = (JsonObject) row.getValue(column);
        return value == null ? null : value.mapTo(AddressSnapshot.class);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
