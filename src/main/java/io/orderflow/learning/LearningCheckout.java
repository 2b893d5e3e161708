package io.orderflow.learning;

import io.orderflow.ordering.OrderLifecycle;
import io.orderflow.ordering.Orders;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Courses and events on the checkout's own transactions (docs/architecture.md, "Courses and events"): their rules
 * before the reservation, the enrolment or booking written by the transaction that confirms the order, and both
 * taken back, by policy, by the one that cancels it. All SQL client, as the rest of the checkout path.
 */
@ApplicationScoped
class LearningCheckout implements OrderLifecycle {

    /** Per course or event line: what decides whether this customer may buy it now. */
    static final String SALE_RULES = """
            SELECT p.id, p.kind, c.published, e.status AS event_status, e.seats_per_order,
                   coalesce(e.booking_closes_at, e.starts_at) AS booking_closes_at,
                   EXISTS (SELECT 1 FROM enrolments en
                           WHERE en.course_id = p.id AND en.student_id = $2 AND en.status <> 'cancelled') AS enrolled,
                   coalesce(i.quantity_available, 0) AS available,
                   (SELECT count(*) FROM waitlist_entries w WHERE w.event_id = p.id AND w.status = 'waiting') AS waiting,
                   (SELECT count(*) FROM waitlist_entries w WHERE w.event_id = p.id AND w.status = 'offered') AS offered,
                   (SELECT w.id FROM waitlist_entries w WHERE w.event_id = p.id AND w.customer_id = $2 AND w.status = 'offered') AS my_offer
            FROM products p
            LEFT JOIN course_details c ON c.product_id = p.id
            LEFT JOIN event_details e ON e.product_id = p.id
            LEFT JOIN inventory i ON i.product_id = p.id
            WHERE p.id = ANY($1) AND p.kind IN ('course', 'event')""";

    /**
     * Every statement runs, whatever the order holds: an order of goods alone inserts nothing. Only products with
     * their details grant anything (a course or event product sold before it had details stays a plain product).
     */
    static final String GRANT = """
            WITH lines AS (
                SELECT i.id AS item_id, i.product_id, i.quantity, p.kind, o.customer_id
                FROM order_items i
                JOIN orders o ON o.id = i.order_id
                JOIN products p ON p.id = i.product_id
                WHERE i.order_id = $1
                  AND ((p.kind = 'course' AND EXISTS (SELECT 1 FROM course_details c WHERE c.product_id = p.id))
                    OR (p.kind = 'event' AND EXISTS (SELECT 1 FROM event_details e WHERE e.product_id = p.id)))),
            enrolled AS (
                INSERT INTO enrolments (course_id, student_id, order_id)
                SELECT product_id, customer_id, $1 FROM lines WHERE kind = 'course'
                RETURNING course_id),
            counted AS (
                UPDATE course_details c SET enrolled_count = c.enrolled_count + 1
                FROM enrolled WHERE c.product_id = enrolled.course_id
                RETURNING c.product_id),
            booked AS (
                INSERT INTO event_bookings (event_id, order_id, order_item_id, seats)
                SELECT product_id, $1, item_id, quantity FROM lines WHERE kind = 'event'
                RETURNING id)
            SELECT (SELECT customer_id FROM orders WHERE id = $1) AS student_id,
                   array(SELECT product_id FROM counted) AS courses, (SELECT count(*) FROM booked) AS bookings""";

    /** The order's grants still held: what a customer's cancellation must pass the policy for. */
    static final String GRANTED = """
            SELECT 'course' AS kind, en.status AS enrolment_status, en.enrolled_at, NULL::timestamptz AS booking_closes_at
            FROM enrolments en
            WHERE en.order_id = $1 AND en.status <> 'cancelled'
            UNION ALL
            SELECT 'event', NULL, NULL, coalesce(e.booking_closes_at, e.starts_at)
            FROM event_bookings b JOIN event_details e ON e.product_id = b.event_id
            WHERE b.order_id = $1 AND b.status = 'booked'""";

    /**
     * The order's grants, or only those of the products in $2 (null: all); emits the products taken back, their kind and
     * the order's customer.
     */
    static final String TAKE_BACK = """
            WITH dropped AS (
                UPDATE enrolments SET status = 'cancelled', cancelled_at = now()
                WHERE order_id = $1 AND status <> 'cancelled' AND ($2::uuid[] IS NULL OR course_id = ANY($2))
                RETURNING course_id),
            uncounted AS (
                UPDATE course_details c SET enrolled_count = c.enrolled_count - 1
                FROM dropped WHERE c.product_id = dropped.course_id
                RETURNING c.product_id),
            unbooked AS (
                UPDATE event_bookings SET status = 'cancelled', cancelled_at = now()
                WHERE order_id = $1 AND status = 'booked' AND ($2::uuid[] IS NULL OR event_id = ANY($2))
                RETURNING event_id)
            SELECT product_id, 'course' AS kind, (SELECT customer_id FROM orders WHERE id = $1) AS student_id FROM uncounted
            UNION
            SELECT event_id, 'event', NULL FROM unbooked""";

    private final LearningConfig config;
    private final WaitlistOffers waitlist;
    private final EnrolmentChanges enrolmentChanges;

    LearningCheckout(LearningConfig config, WaitlistOffers waitlist, EnrolmentChanges enrolmentChanges) {
        this.config = config;
        this.waitlist = waitlist;
        this.enrolmentChanges = enrolmentChanges;
    }

    @Override
    public boolean handles(String kind) {
        return "course".equals(kind) || "event".equals(kind);
    }

    /**
     * A course is sold once its details are published, one seat a line, to a customer who neither holds it nor has it
     * in an unpaid order (the caller serialised this customer's checkouts, so two concurrent orders can't both pass);
     * an event while it is scheduled and booking is open, at most its seats per order. Seats that freed up while people
     * wait go to the waitlist: a customer holding an offer takes their seat (its hold is given back here, in this
     * transaction, and the reservation that follows takes it again), anyone else may buy only what is left beyond the
     * line (409 seats-held, which, unlike a shortage, leaves the sold-out gate open for the offered customers).
     */
    @Override
    public Uni<Void> beforeReserve(SqlClient tx, UUID customerId, List<Orders.NewLine> lines, Set<UUID> heldProducts) {
        UUID[] ids = lines.stream().map(line -> line.product().id()).toArray(UUID[]::new);
        return tx.preparedQuery(SALE_RULES).execute(Tuple.of(ids, customerId)).chain(rows -> {
            Map<UUID, Row> rules = new HashMap<>();
            rows.forEach(row -> rules.put(row.getUUID("id"), row));
            List<UUID> offersTaken = new ArrayList<>();
            for (Orders.NewLine line : lines) {
                Row rule = rules.get(line.product().id());
                if (rule != null) {
                    check(rule, line, heldProducts);
                    Optional.ofNullable(rule.getUUID("my_offer")).ifPresent(offersTaken::add);
                }
            }
            return Multi.createFrom().iterable(offersTaken).onItem().transformToUniAndConcatenate(offer -> waitlist.accept(tx, offer))
                    .collect().last().replaceWithVoid();
        });
    }

    private static void check(Row rule, Orders.NewLine line, Set<UUID> heldProducts) {
        UUID productId = line.product().id();
        if (rule.getString("kind").equals("course")) {
            if (!Boolean.TRUE.equals(rule.getBoolean("published"))) {
                throw new ConflictException("not-on-sale", "This course is not open for enrolment", Map.of("productId", productId));
            }
            if (line.quantity() != 1) {
                throw new UnprocessableException("one-seat-per-course", "A course is bought once per student: quantity must be 1");
            }
            if (rule.getBoolean("enrolled") || heldProducts.contains(productId)) {
                throw new ConflictException("already-enrolled", rule.getBoolean("enrolled")
                        ? "You are already enrolled in this course"
                        : "An unpaid order of yours already holds this course; pay or cancel it", Map.of("productId", productId));
            }
            return;
        }
        OffsetDateTime closesAt = rule.getOffsetDateTime("booking_closes_at");
        if (!"scheduled".equals(rule.getString("event_status")) || closesAt == null || !closesAt.toInstant().isAfter(Instant.now())) {
            throw new ConflictException("booking-closed", "This event is not open for booking", Map.of("productId", productId));
        }
        int limit = rule.getInteger("seats_per_order");
        if (line.quantity() > limit) {
            throw new ConflictException("too-many-seats", "An order books at most " + limit + " seats of this event",
                    Map.of("productId", productId, "limit", limit));
        }
        long available = rule.getInteger("available");
        long waiting = rule.getLong("waiting");
        boolean lineHasSeats = rule.getLong("offered") > 0 || (waiting > 0 && available > 0);
        // An offer holder's own seat comes back to the stock before the reservation; their other seats wait in line too.
        int fromStock = rule.getUUID("my_offer") == null ? line.quantity() : line.quantity() - 1;
        if (fromStock > 0 && lineHasSeats && available - waiting < fromStock) {
            throw new ConflictException("seats-held", "The seats that freed up are held for this event's waitlist: "
                    + "join it with POST /api/v1/events/" + productId + "/waitlist", Map.of("productId", productId));
        }
    }

    @Override
    public Uni<Void> confirmed(SqlClient tx, UUID orderId) {
        return tx.preparedQuery(GRANT).execute(Tuple.of(orderId)).chain(rows -> {
            Row granted = rows.iterator().next();
            List<UUID> courses = List.of(granted.getArrayOfUUIDs("courses"));
            return courses.isEmpty() ? Uni.createFrom().voidItem()
                    : enrolmentChanges.enrolled(tx, granted.getUUID("student_id"), courses);
        });
    }

    /**
     * A customer may cancel a course within the refund window and before completing it, and an event until booking
     * closes; admins, managers and jobs cancel regardless ({@code byPolicy} false).
     */
    @Override
    public Uni<Void> cancelled(SqlClient tx, UUID orderId, boolean byPolicy) {
        return tx.preparedQuery(GRANTED).execute(Tuple.of(orderId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            if (byPolicy) {
                rows.forEach(this::checkCancellable);
            }
            return takeBack(tx, orderId, null).replaceWithVoid();
        });
    }

    @Override
    public Uni<List<UUID>> withdrawn(SqlClient tx, UUID orderId, List<UUID> productIds) {
        return takeBack(tx, orderId, productIds.toArray(UUID[]::new));
    }

    /** The products whose grants were still held. */
    private Uni<List<UUID>> takeBack(SqlClient tx, UUID orderId, UUID[] productIds) {
        return tx.preparedQuery(TAKE_BACK).execute(Tuple.of(orderId, productIds)).chain(rows -> {
            List<UUID> taken = new ArrayList<>();
            List<UUID> courses = new ArrayList<>();
            UUID student = null;
            for (Row row : rows) {
                taken.add(row.getUUID("product_id"));
                if ("course".equals(row.getString("kind"))) {
                    courses.add(row.getUUID("product_id"));
                    student = row.getUUID("student_id");
                }
            }
            Uni<Void> left = courses.isEmpty() ? Uni.createFrom().voidItem() : enrolmentChanges.cancelled(tx, student, courses);
            return left.replaceWith(taken);
        });
    }

    private void checkCancellable(Row granted) {
        Instant now = Instant.now();
        if (granted.getString("kind").equals("course")) {
            if ("completed".equals(granted.getString("enrolment_status"))) {
                throw new ConflictException("cancel-window-closed", "A completed course can't be cancelled");
            }
            OffsetDateTime enrolledAt = granted.getOffsetDateTime("enrolled_at");
            if (enrolledAt != null && enrolledAt.toInstant().plus(config.courseRefundWindow()).isBefore(now)) {
                throw new ConflictException("cancel-window-closed",
                        "A course can be cancelled within " + config.courseRefundWindow().toDays() + " days of enrolling");
            }
            return;
        }
        OffsetDateTime closesAt = granted.getOffsetDateTime("booking_closes_at");
        if (closesAt != null && !closesAt.toInstant().isAfter(now)) {
            throw new ConflictException("cancel-window-closed", "Bookings of this event can no longer be cancelled");
        }
    }
}
