package io.orderflow.conversation;

import io.orderflow.platform.Cursor;
import io.orderflow.platform.DataAccess;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rooms and room_members tables. A room's own columns and the caller's member row are read together; who may
 * act in a room without a member row (staff, the course's instructor) is decided by {@link RoomAccess}.
 */
@DataAccess
@ApplicationScoped
class Rooms {

    private static final String ROOM_COLUMNS = """
            r.id, r.type, r.name, r.course_id, r.order_id, r.last_seq, r.last_event_id, r.last_activity_at, r.archived_at""";

    /** The room, the caller's member row ($2) if any, and whether they teach its course. */
    static final String WITH_MEMBER = """
            SELECT %s, m.role AS member_role, m.last_read_seq, m.muted,
                   EXISTS (SELECT 1 FROM course_details c WHERE c.product_id = r.course_id AND c.instructor_id = $2) AS instructs
            FROM rooms r LEFT JOIN room_members m ON m.room_id = r.id AND m.user_id = $2
            """.formatted(ROOM_COLUMNS);

    static final String BY_ID = WITH_MEMBER + "WHERE r.id = $1";

    static final String BY_COURSE = WITH_MEMBER + "WHERE r.course_id = $1";

    static final String BY_ORDER = WITH_MEMBER + "WHERE r.order_id = $1";

    /**
     * The rooms of these courses ($1) that have details (and, when $2 is set, that $2 teaches), made when missing,
     * with the instructor as owner. Its own statement: a concurrent creator's room is committed (ON CONFLICT waited
     * for it) before the next statement reads.
     */
    static final String CREATE_COURSE_ROOMS = """
            WITH created AS (
                INSERT INTO rooms (type, course_id, name, created_by)
                SELECT 'course', c.product_id, p.name, c.instructor_id
                FROM course_details c JOIN products p ON p.id = c.product_id
                WHERE c.product_id = ANY($1) AND ($2::uuid IS NULL OR c.instructor_id = $2)
                ON CONFLICT (course_id) WHERE course_id IS NOT NULL DO NOTHING
                RETURNING id, created_by)
            INSERT INTO room_members (room_id, user_id, role)
            SELECT id, created_by, 'owner' FROM created
            ON CONFLICT (room_id, user_id) DO NOTHING""";

    /** The student ($1) joins the rooms of these courses ($2). */
    static final String JOIN_COURSES = """
            INSERT INTO room_members (room_id, user_id, role)
            SELECT id, $1, 'member' FROM rooms WHERE course_id = ANY($2)
            ON CONFLICT (room_id, user_id) DO NOTHING""";

    /** The student ($1) leaves the rooms of these courses ($2); an owner (their instructor) stays. */
    static final String LEAVE_COURSES = """
            DELETE FROM room_members m USING rooms r
            WHERE m.room_id = r.id AND r.course_id = ANY($2) AND m.user_id = $1 AND m.role = 'member'""";

    /** The support room of an order ($1), made when missing, with the order's customer as a member; $2 made it. */
    static final String CREATE_ORDER_ROOM = """
            WITH created AS (
                INSERT INTO rooms (type, order_id, name, created_by)
                SELECT 'order-support', o.id, 'Order ' || o.order_number, $2 FROM orders o WHERE o.id = $1
                ON CONFLICT (order_id) WHERE order_id IS NOT NULL DO NOTHING
                RETURNING id, order_id)
            INSERT INTO room_members (room_id, user_id, role)
            SELECT created.id, o.customer_id, 'member' FROM created JOIN orders o ON o.id = created.order_id
            ON CONFLICT (room_id, user_id) DO NOTHING""";

    /** Mutes or unmutes the room for the caller, joining with $3 when they have no member row yet (staff, the instructor). */
    static final String MUTE = """
            INSERT INTO room_members (room_id, user_id, role, muted) VALUES ($1, $2, $3, $4)
            ON CONFLICT (room_id, user_id) DO UPDATE SET muted = excluded.muted""";

    /**
     * Moves the read mark forward to a message of the room, joining with $3 when the reader has no member row yet.
     * Answers the message's seq (null: no such message in the room) and whether the mark moved.
     */
    static final String READ = """
            WITH target AS (SELECT id, seq FROM messages WHERE room_id = $1 AND id = $4),
            moved AS (
                INSERT INTO room_members (room_id, user_id, role, last_read_message_id, last_read_seq)
                SELECT $1, $2, $3, id, seq FROM target
                ON CONFLICT (room_id, user_id) DO UPDATE
                SET last_read_message_id = excluded.last_read_message_id, last_read_seq = excluded.last_read_seq
                WHERE room_members.last_read_seq < excluded.last_read_seq
                RETURNING 1)
            SELECT (SELECT seq FROM target) AS seq, EXISTS (SELECT 1 FROM moved) AS moved""";

    /** Archives the room: read-only from now on. */
    static final String ARCHIVE = "UPDATE rooms SET archived_at = now() WHERE id = $1 AND archived_at IS NULL";

    /** The latest event id of each room ($1). */
    static final String LATEST_EVENTS = "SELECT id, last_event_id FROM rooms WHERE id = ANY($1)";

    /** The caller's rooms by last activity, newest first, keyset after ($2, $3). */
    static final String MINE = """
            SELECT %s, m.role AS member_role, m.last_read_seq, m.muted
            FROM room_members m JOIN rooms r ON r.id = m.room_id
            WHERE m.user_id = $1 AND ($2::timestamptz IS NULL OR (r.last_activity_at, r.id) < ($2, $3))
            ORDER BY r.last_activity_at DESC, r.id DESC
            LIMIT $4""".formatted(ROOM_COLUMNS);

    /** A read that found the message ({@code seq} present) and whether the reader's mark moved. */
    record ReadResult(Optional<Long> seq, boolean moved) {
    }

    Uni<Optional<Row>> byId(SqlClient db, UUID roomId, UUID userId) {
        return first(db, BY_ID, roomId, userId);
    }

    Uni<Optional<Row>> byCourse(SqlClient db, UUID courseId, UUID userId) {
        return first(db, BY_COURSE, courseId, userId);
    }

    Uni<Optional<Row>> byOrder(SqlClient db, UUID orderId, UUID userId) {
        return first(db, BY_ORDER, orderId, userId);
    }

    /** {@code teacher}: only a course they teach (null: any course). */
    Uni<Void> createCourseRooms(SqlClient db, List<UUID> courseIds, UUID teacher) {
        return db.preparedQuery(CREATE_COURSE_ROOMS).execute(Tuple.of(courseIds.toArray(UUID[]::new), teacher)).replaceWithVoid();
    }

    Uni<Void> archive(SqlClient db, UUID roomId) {
        return db.preparedQuery(ARCHIVE).execute(Tuple.of(roomId)).replaceWithVoid();
    }

    Uni<Map<UUID, Long>> latestEvents(SqlClient db, Collection<UUID> roomIds) {
        return db.preparedQuery(LATEST_EVENTS).execute(Tuple.of(roomIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Long> latest = new HashMap<>();
            rows.forEach(row -> latest.put(row.getUUID("id"), row.getLong("last_event_id")));
            return latest;
        });
    }

    Uni<Void> joinCourses(SqlClient tx, UUID studentId, List<UUID> courseIds) {
        return tx.preparedQuery(JOIN_COURSES).execute(Tuple.of(studentId, courseIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    Uni<Void> leaveCourses(SqlClient tx, UUID studentId, List<UUID> courseIds) {
        return tx.preparedQuery(LEAVE_COURSES).execute(Tuple.of(studentId, courseIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    Uni<Void> createOrderRoom(SqlClient db, UUID orderId, UUID createdBy) {
        return db.preparedQuery(CREATE_ORDER_ROOM).execute(Tuple.of(orderId, createdBy)).replaceWithVoid();
    }

    Uni<Void> mute(SqlClient db, UUID roomId, UUID userId, String role, boolean muted) {
        return db.preparedQuery(MUTE).execute(Tuple.of(roomId, userId, role, muted)).replaceWithVoid();
    }

    Uni<ReadResult> read(SqlClient db, UUID roomId, UUID userId, String role, UUID messageId) {
        return db.preparedQuery(READ).execute(Tuple.of(roomId, userId, role, messageId)).map(rows -> {
            Row row = rows.iterator().next();
            return new ReadResult(Optional.ofNullable(row.getLong("seq")), row.getBoolean("moved"));
        });
    }

    Uni<List<RoomView>> mine(SqlClient db, UUID userId, Cursor.After after, int limit) {
        return db.preparedQuery(MINE).execute(Tuple.of(userId, after.createdAt(), after.id(), limit))
                .map(rows -> Rows.all(rows, row -> RoomView.of(row, row.getString("member_role"))));
    }

    private static Uni<Optional<Row>> first(SqlClient db, String sql, UUID id, UUID userId) {
        return db.preparedQuery(sql).execute(Tuple.of(id, userId)).map(rows -> Rows.first(rows, row -> row));
    }
}
