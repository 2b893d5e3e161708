package io.orderflow.conversation;

import io.orderflow.platform.DataAccess;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages table. Every write first bumps its room's counters (rooms.last_seq, rooms.last_event_id) under the
 * room's row lock, so a room's event ids are handed out in commit order and a stream that replays after an id misses
 * nothing committed before it (docs/architecture.md, "Conversations").
 */
@DataAccess
@ApplicationScoped
class Messages {

    private static final String COLUMNS = """
            m.id, m.room_id, m.seq, m.event_id, m.author_id, u.first_name || ' ' || u.last_name AS author_name,
            m.body, m.reply_to, m.created_at, m.edited_at, m.deleted_at""";

    /**
     * Posts in one statement: the room's next seq and event id, the message, and the author's read mark moved to it
     * (their own message is never unread; a staff member or instructor posting for the first time joins with $6).
     * No row: the room is archived. A second post with the same key fails on messages_once_per_key.
     */
    static final String POST = """
            WITH room AS (
                UPDATE rooms SET last_seq = last_seq + 1, last_event_id = last_event_id + 1, last_activity_at = now()
                WHERE id = $1 AND archived_at IS NULL
                RETURNING id, last_seq, last_event_id),
            m AS (
                INSERT INTO messages (room_id, seq, event_id, author_id, body, reply_to, idempotency_key)
                SELECT id, last_seq, last_event_id, $2, $3, $4, $5 FROM room
                RETURNING *),
            own_read AS (
                INSERT INTO room_members (room_id, user_id, role, last_read_message_id, last_read_seq)
                SELECT room_id, author_id, $6, id, seq FROM m
                ON CONFLICT (room_id, user_id) DO UPDATE
                SET last_read_message_id = excluded.last_read_message_id, last_read_seq = excluded.last_read_seq
                WHERE room_members.last_read_seq < excluded.last_read_seq)
            SELECT %s FROM m JOIN users u ON u.id = m.author_id""".formatted(COLUMNS);

    static final String BY_KEY = """
            SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
            WHERE m.room_id = $1 AND m.author_id = $2 AND m.idempotency_key = $3""".formatted(COLUMNS);

    static final String ONE = """
            SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
            WHERE m.room_id = $1 AND m.id = $2""".formatted(COLUMNS);

    /** The room's next event id, under its row lock: the first statement of an edit or a delete. */
    static final String NEXT_EVENT = """
            UPDATE rooms SET last_event_id = last_event_id + 1 WHERE id = $1 RETURNING last_event_id""";

    /** The author's edit within the window ($5), of a message not deleted. */
    static final String EDIT = """
            WITH m AS (
                UPDATE messages SET body = $4, edited_at = now(), event_id = $6
                WHERE room_id = $1 AND id = $2 AND author_id = $3 AND deleted_at IS NULL AND created_at > now() - $5 * interval '1 millisecond'
                RETURNING *)
            SELECT %s FROM m JOIN users u ON u.id = m.author_id""".formatted(COLUMNS);

    static final String DELETE = """
            WITH m AS (
                UPDATE messages SET body = NULL, deleted_at = now(), event_id = $3
                WHERE room_id = $1 AND id = $2 AND deleted_at IS NULL
                RETURNING *)
            SELECT %s FROM m JOIN users u ON u.id = m.author_id""".formatted(COLUMNS);

    /** A page of history, newest first: the messages before seq $2. */
    static final String BEFORE = """
            SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
            WHERE m.room_id = $1 AND m.seq < $2
            ORDER BY m.seq DESC
            LIMIT $3""".formatted(COLUMNS);

    /** What changed in the room after event id $2, in event order: each message in its latest state. */
    static final String SINCE = """
            SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
            WHERE m.room_id = $1 AND m.event_id > $2
            ORDER BY m.event_id
            LIMIT $3""".formatted(COLUMNS);

    /** A second post with the same Idempotency-Key. */
    static boolean isKeyTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && "messages_once_per_key".equals(pg.getConstraint());
    }

    /** A reply to a message that is not in the room. */
    static boolean isUnknownReply(Throwable failure) {
        return failure instanceof PgException pg && "23503".equals(pg.getSqlState()) && "messages_reply_in_room".equals(pg.getConstraint());
    }

    /** Empty when the room is archived. */
    Uni<Optional<MessageView>> post(SqlClient db, UUID roomId, UUID authorId, String memberRole, NewMessage message,
                                    String idempotencyKey) {
        return db.preparedQuery(POST)
                .execute(Tuple.from(new Object[]{roomId, authorId, message.body(), message.replyTo(), idempotencyKey, memberRole}))
                .map(rows -> Rows.first(rows, MessageView::of));
    }

    Uni<Optional<MessageView>> byKey(SqlClient db, UUID roomId, UUID authorId, String idempotencyKey) {
        return db.preparedQuery(BY_KEY).execute(Tuple.of(roomId, authorId, idempotencyKey)).map(rows -> Rows.first(rows, MessageView::of));
    }

    Uni<Optional<MessageView>> one(SqlClient db, UUID roomId, UUID messageId) {
        return db.preparedQuery(ONE).execute(Tuple.of(roomId, messageId)).map(rows -> Rows.first(rows, MessageView::of));
    }

    Uni<Long> nextEvent(SqlClient tx, UUID roomId) {
        return tx.preparedQuery(NEXT_EVENT).execute(Tuple.of(roomId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Empty when the message is not the author's, is deleted, or the window has passed. */
    Uni<Optional<MessageView>> edit(SqlClient tx, UUID roomId, UUID messageId, UUID authorId, String body, Duration window,
                                    long eventId) {
        return tx.preparedQuery(EDIT)
                .execute(Tuple.from(new Object[]{roomId, messageId, authorId, body, window.toMillis(), eventId}))
                .map(rows -> Rows.first(rows, MessageView::of));
    }

    /** Empty when the message is already deleted. */
    Uni<Optional<MessageView>> delete(SqlClient tx, UUID roomId, UUID messageId, long eventId) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(roomId, messageId, eventId)).map(rows -> Rows.first(rows, MessageView::of));
    }

    Uni<List<MessageView>> before(SqlClient db, UUID roomId, long seq, int limit) {
        return db.preparedQuery(BEFORE).execute(Tuple.of(roomId, seq, limit)).map(rows -> Rows.all(rows, MessageView::of));
    }

    Uni<List<MessageView>> since(SqlClient db, UUID roomId, long eventId, int limit) {
        return db.preparedQuery(SINCE).execute(Tuple.of(roomId, eventId, limit)).map(rows -> Rows.all(rows, MessageView::of));
    }
}
