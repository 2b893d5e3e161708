package io.orderflow.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.DataAccess;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The catalogue's reads of courses, events and reviews, and a customer's enrolments and bookings (SQL client, keyset pages). */
@DataAccess
@ApplicationScoped
class LearningQueries {

    private static final String COURSE = """
            SELECT p.id, p.slug, p.name, p.description, p.category, p.price_cents, p.currency, p.image_url,
                   c.instructor_id, c.instructor_name, c.duration_minutes, c.level, c.schedule::text AS schedule,
                   c.short_description, c.video_url, c.published AND p.is_active AS published, c.rating, c.rating_count,
                   c.enrolled_count, c.created_at, CASE WHEN p.track_inventory THEN i.quantity_available END AS seats_left
            FROM course_details c
            JOIN products p ON p.id = c.product_id
            LEFT JOIN inventory i ON i.product_id = c.product_id
            WHERE p.deleted_at IS NULL
            """;

    static final String COURSE_BY_ID = COURSE + "  AND p.id = $1";

    static final String COURSE_BY_SLUG = COURSE + "  AND p.slug = $1";

    /**
     * The published courses matching the listing's filters: $1 category, $2 level, $3 instructor, $4/$5 price bounds,
     * $6 search text (null: no filter). {@link CourseSort} adds the keyset condition on $7/$8 (the cursor's sort value
     * and id), the order and the LIMIT $9.
     */
    static final String COURSES = COURSE + """
              AND c.published AND p.is_active
              AND ($1::text IS NULL OR p.category = $1)
              AND ($2::text IS NULL OR c.level = $2)
              AND ($3::uuid IS NULL OR c.instructor_id = $3)
              AND ($4::bigint IS NULL OR p.price_cents >= $4)
              AND ($5::bigint IS NULL OR p.price_cents <= $5)
              AND ($6::text IS NULL OR p.search_vector @@ websearch_to_tsquery('english', $6))
            """;

    private static final String EVENT = """
            SELECT p.id, p.slug, p.name, p.description, p.category, p.price_cents, p.currency, p.image_url,
                   e.starts_at, e.ends_at, e.time_zone, e.venue, e.online_url, coalesce(e.booking_closes_at, e.starts_at) AS booking_closes_at,
                   e.status, e.seats_per_order, coalesce(i.quantity_available, 0) AS seats_left,
                   coalesce(i.quantity_reserved, 0) AS seats_held, b.seats_booked, b.bookings_open, b.bookings_cancelled
            FROM event_details e
            JOIN products p ON p.id = e.product_id
            LEFT JOIN inventory i ON i.product_id = e.product_id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(seats) FILTER (WHERE status = 'booked'), 0) AS seats_booked,
                       count(*) FILTER (WHERE status = 'booked') AS bookings_open,
                       count(*) FILTER (WHERE status = 'cancelled') AS bookings_cancelled
                FROM event_bookings WHERE event_id = e.product_id) b
            WHERE p.deleted_at IS NULL
            """;

    static final String EVENT_BY_ID = EVENT + "  AND p.id = $1";

    /** Upcoming first. $1 from (null: now), $2 to, $3 category, $4 only with seats left; $5/$6 cursor; $7 rows. */
    static final String EVENTS = EVENT + """
              AND p.is_active AND e.status = 'scheduled'
              AND e.starts_at >= coalesce($1, now())
              AND ($2::timestamptz IS NULL OR e.starts_at < $2)
              AND ($3::text IS NULL OR p.category = $3)
              AND (NOT $4 OR i.quantity_available > 0)
              AND (e.starts_at, e.product_id) > (coalesce($5, '-infinity'::timestamptz), coalesce($6, '00000000-0000-0000-0000-000000000000'::uuid))
            ORDER BY e.starts_at, e.product_id
            LIMIT $7""";

    private static final String ENROLMENT = """
            SELECT en.id, en.course_id, p.slug, p.name, en.order_id, en.status, en.enrolled_at, en.completed_at, en.cancelled_at
            FROM enrolments en JOIN products p ON p.id = en.course_id
            """;

    static final String MY_ENROLMENTS = ENROLMENT + """
            WHERE en.student_id = $1
              AND (en.enrolled_at, en.id) < (coalesce($2, 'infinity'::timestamptz), coalesce($3, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY en.enrolled_at DESC, en.id DESC
            LIMIT $4""";

    static final String MY_ENROLMENT = ENROLMENT + "WHERE en.id = $1 AND en.student_id = $2";

    /** Only an enrolment still running completes; the row it returns is the new state. */
    static final String COMPLETE = """
            UPDATE enrolments SET status = 'completed', completed_at = now()
            WHERE id = $1 AND student_id = $2 AND status = 'enrolled'
            RETURNING id""";

    static final String MY_BOOKINGS = """
            SELECT b.id, b.event_id, p.slug, p.name, e.starts_at, e.ends_at, e.time_zone, e.venue, e.online_url,
                   e.status AS event_status, b.order_id, b.seats, b.status, b.booked_at, b.cancelled_at
            FROM event_bookings b
            JOIN orders o ON o.id = b.order_id
            JOIN products p ON p.id = b.event_id
            JOIN event_details e ON e.product_id = b.event_id
            WHERE o.customer_id = $1
              AND (b.booked_at, b.id) < (coalesce($2, 'infinity'::timestamptz), coalesce($3, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY b.booked_at DESC, b.id DESC
            LIMIT $4""";

    private static final String REVIEW = """
            SELECT id, course_id, student_id, rating, comment, created_at, updated_at FROM course_reviews
            """;

    static final String REVIEW_BY_ID = REVIEW + "WHERE id = $1";

    static final String REVIEWS = REVIEW + """
            WHERE course_id = $1
              AND (created_at, id) < (coalesce($2, 'infinity'::timestamptz), coalesce($3, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""";

    private static final String WAITLIST_ENTRY = """
            SELECT w.id, w.event_id, p.name, e.starts_at, w.status, w.joined_at, w.offer_expires_at,
                   CASE WHEN w.status = 'waiting' THEN
                       (SELECT count(*) FROM waitlist_entries a
                        WHERE a.event_id = w.event_id AND a.status = 'waiting' AND (a.joined_at, a.id) <= (w.joined_at, w.id))
                   END AS position
            FROM waitlist_entries w
            JOIN products p ON p.id = w.event_id
            JOIN event_details e ON e.product_id = w.event_id
            """;

    static final String WAITLIST_ENTRY_BY_ID = WAITLIST_ENTRY + "WHERE w.id = $1";

    static final String MY_WAITLIST = WAITLIST_ENTRY + """
            WHERE w.customer_id = $1
              AND (w.joined_at, w.id) < (coalesce($2, 'infinity'::timestamptz), coalesce($3, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY w.joined_at DESC, w.id DESC
            LIMIT $4""";

    /** A course listing's filters. */
    record CourseFilter(String category, String level, UUID instructorId, Long minPriceCents, Long maxPriceCents, String search) {
    }

    /** An event listing's filters. */
    record EventFilter(OffsetDateTime from, OffsetDateTime to, String category, boolean withSeatsOnly) {
    }

    private final ObjectMapper json;

    LearningQueries(ObjectMapper json) {
        this.json = json;
    }

    Uni<Optional<CourseView>> course(SqlClient client, String sql, Object key) {
        return client.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> Rows.first(rows, this::course));
    }

    Uni<List<CourseView>> courses(SqlClient client, CourseFilter filter, CourseSort sort, Cursor.Keyset after, int fetch) {
        return list(client, sort.sql, Tuple.from(new Object[] {filter.category(), filter.level(), filter.instructorId(),
                filter.minPriceCents(), filter.maxPriceCents(), filter.search(), after.value(), after.id(), fetch}), this::course);
    }

    Uni<Optional<EventView>> event(SqlClient client, UUID productId) {
        return client.preparedQuery(EVENT_BY_ID).execute(Tuple.of(productId)).map(rows -> Rows.first(rows, LearningQueries::event));
    }

    Uni<List<EventView>> events(SqlClient client, EventFilter filter, Cursor.After after, int fetch) {
        return list(client, EVENTS, Tuple.from(new Object[] {filter.from(), filter.to(), filter.category(), filter.withSeatsOnly(),
                after.createdAt(), after.id(), fetch}), LearningQueries::event);
    }

    Uni<List<EnrolmentView>> enrolments(SqlClient client, UUID studentId, Cursor.After after, int fetch) {
        return list(client, MY_ENROLMENTS, Tuple.of(studentId, after.createdAt(), after.id(), fetch), LearningQueries::enrolment);
    }

    Uni<Optional<EnrolmentView>> enrolment(SqlClient client, UUID enrolmentId, UUID studentId) {
        return client.preparedQuery(MY_ENROLMENT).execute(Tuple.of(enrolmentId, studentId))
                .map(rows -> Rows.first(rows, LearningQueries::enrolment));
    }

    /** Whether the student's running enrolment was marked completed. */
    Uni<Boolean> complete(SqlClient tx, UUID enrolmentId, UUID studentId) {
        return tx.preparedQuery(COMPLETE).execute(Tuple.of(enrolmentId, studentId)).map(rows -> rows.rowCount() == 1);
    }

    Uni<List<BookingView>> bookings(SqlClient client, UUID customerId, Cursor.After after, int fetch) {
        return list(client, MY_BOOKINGS, Tuple.of(customerId, after.createdAt(), after.id(), fetch), LearningQueries::booking);
    }

    Uni<Optional<ReviewView>> review(SqlClient client, UUID reviewId) {
        return client.preparedQuery(REVIEW_BY_ID).execute(Tuple.of(reviewId)).map(rows -> Rows.first(rows, LearningQueries::review));
    }

    Uni<List<ReviewView>> reviews(SqlClient client, UUID courseId, Cursor.After after, int fetch) {
        return list(client, REVIEWS, Tuple.of(courseId, after.createdAt(), after.id(), fetch), LearningQueries::review);
    }

    Uni<Optional<WaitlistView>> waitlistEntry(SqlClient client, UUID entryId) {
        return client.preparedQuery(WAITLIST_ENTRY_BY_ID).execute(Tuple.of(entryId)).map(rows -> Rows.first(rows, LearningQueries::waitlistEntry));
    }

    Uni<List<WaitlistView>> waitlist(SqlClient client, UUID customerId, Cursor.After after, int fetch) {
        return list(client, MY_WAITLIST, Tuple.of(customerId, after.createdAt(), after.id(), fetch), LearningQueries::waitlistEntry);
    }

    private static <T> Uni<List<T>> list(SqlClient client, String sql, Tuple arguments, Function<Row, T> read) {
        return client.preparedQuery(sql).execute(arguments).map(rows -> {
            List<T> items = new ArrayList<>(rows.size());
            rows.forEach(row -> items.add(read.apply(row)));
            return items;
        });
    }

    private CourseView course(Row row) {
        return new CourseView(row.getUUID("id"), row.getString("slug"), row.getString("name"), row.getString("description"),
                row.getString("category"), row.getLong("price_cents"), row.getString("currency"), row.getString("image_url"),
                row.getUUID("instructor_id"), row.getString("instructor_name"), row.getInteger("duration_minutes"),
                row.getString("level"), schedule(row.getString("schedule")), row.getString("short_description"),
                row.getString("video_url"), row.getBoolean("published"), row.getBigDecimal("rating"), row.getInteger("rating_count"),
                row.getInteger("enrolled_count"), row.getInteger("seats_left"), row.getOffsetDateTime("created_at"));
    }

    private CourseSchedule schedule(String text) {
        try {
            return json.readValue(text, CourseSchedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("course_details.schedule does not hold a schedule", e);
        }
    }

    private static EventView event(Row row) {
        int left = row.getInteger("seats_left");
        int held = row.getInteger("seats_held");
        int booked = row.getLong("seats_booked").intValue();
        return new EventView(row.getUUID("id"), row.getString("slug"), row.getString("name"), row.getString("description"),
                row.getString("category"), row.getLong("price_cents"), row.getString("currency"), row.getString("image_url"),
                row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"), row.getString("time_zone"), row.getString("venue"),
                row.getString("online_url"), row.getOffsetDateTime("booking_closes_at"), row.getString("status"),
                row.getInteger("seats_per_order"), left + held + booked, left, booked, row.getLong("bookings_open").intValue(),
                row.getLong("bookings_cancelled").intValue());
    }

    private static EnrolmentView enrolment(Row row) {
        return new EnrolmentView(row.getUUID("id"), row.getUUID("course_id"), row.getString("slug"), row.getString("name"),
                row.getUUID("order_id"), row.getString("status"), row.getOffsetDateTime("enrolled_at"),
                row.getOffsetDateTime("completed_at"), row.getOffsetDateTime("cancelled_at"));
    }

    private static WaitlistView waitlistEntry(Row row) {
        Long position = row.getLong("position");
        return new WaitlistView(row.getUUID("id"), row.getUUID("event_id"), row.getString("name"), row.getOffsetDateTime("starts_at"),
                row.getString("status"), position == null ? null : position.intValue(), row.getOffsetDateTime("joined_at"),
                row.getOffsetDateTime("offer_expires_at"));
    }

    private static ReviewView review(Row row) {
        return new ReviewView(row.getUUID("id"), row.getUUID("course_id"), row.getUUID("student_id"), row.getShort("rating"),
                row.getString("comment"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private static BookingView booking(Row row) {
        return new BookingView(row.getUUID("id"), row.getUUID("event_id"), row.getString("slug"), row.getString("name"),
                row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"), row.getString("time_zone"), row.getString("venue"),
                row.getString("online_url"), row.getString("event_status"), row.getUUID("order_id"), row.getInteger("seats"),
                row.getString("status"), row.getOffsetDateTime("booked_at"), row.getOffsetDateTime("cancelled_at"));
    }
}
