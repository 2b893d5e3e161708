package io.orderflow.conversation;

import io.orderflow.platform.ConflictException;
import io.orderflow.platform.NotAllowedException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.RateLimiter;
import io.orderflow.platform.UnprocessableException;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.UUID;

/**
 * Posting, editing, deleting and paging through messages. Each write commits first and is then published to the
 * room's streams; a stream that misses the publish reads the write back from PostgreSQL (see {@link RoomStream}).
 */
@ApplicationScoped
public class MessageService {

    /** A message and whether this request posted it (false: the same Idempotency-Key posted it before). */
    public record Posted(MessageView message, boolean created) {
    }

    private final Pool db;
    private final Messages messages;
    private final RoomService rooms;
    private final RoomEvents events;
    private final RateLimiter limiter;
    private final ConversationConfig config;
    private final RateLimiter.Limit perUser;
    private final RateLimiter.Limit perRoom;

    MessageService(Pool db, Messages messages, RoomService rooms, RoomEvents events, RateLimiter limiter, ConversationConfig config) {
        this.db = db;
        this.messages = messages;
        this.rooms = rooms;
        this.events = events;
        this.limiter = limiter;
        this.config = config;
        this.perUser = new RateLimiter.Limit("messages-user", config.postsPerUser(), config.postWindow());
        this.perRoom = new RateLimiter.Limit("messages-room", config.postsPerRoom(), config.postWindow());
    }

    public Uni<Posted> post(Caller caller, UUID roomId, String idempotencyKey, NewMessage message) {
        return rooms.access(caller, roomId).chain(access -> post(access, idempotencyKey, message));
    }

    /** Posts on an order's support room, making the room with its first message. */
    public Uni<Posted> postOnOrder(Caller caller, UUID orderId, String idempotencyKey, NewMessage message) {
        return rooms.openOrderRoom(caller, orderId).chain(access -> post(access, idempotencyKey, message));
    }

    /** Newest first, the messages before seq {@code before} (null: the latest); deleted ones keep their place. */
    public Uni<Page<MessageView>> history(Caller caller, UUID roomId, Long before, int limit) {
        return rooms.access(caller, roomId)
                .chain(access -> messages.before(db, roomId, before == null ? Long.MAX_VALUE : before, limit + 1))
                .map(found -> Page.of(found, limit, last -> Long.toString(last.seq())));
    }

    /** The author changes the text within the edit window; the room sees message-edited. */
    public Uni<MessageView> edit(Caller caller, UUID roomId, UUID messageId, String body) {
        return rooms.access(caller, roomId)
                .chain(access -> db.withTransaction(tx -> messages.nextEvent(tx, roomId)
                        .chain(eventId -> messages.edit(tx, roomId, messageId, caller.id(), body, config.editWindow(), eventId))
                        .chain(edited -> edited.map(found -> Uni.createFrom().item(found))
                                .orElseGet(() -> whyNotEdited(tx, caller, roomId, messageId)))))
                .call(events::message);
    }

    /**
     * The author, the room's owners and moderators, and staff delete a message: its text goes, its place stays, and
     * the room sees message-deleted. Deleting it again changes nothing.
     */
    public Uni<Void> delete(Caller caller, UUID roomId, UUID messageId) {
        return rooms.access(caller, roomId).chain(access -> messages.one(db, roomId, messageId).chain(found -> {
            MessageView message = found.orElseThrow(() -> new NotFoundException("Message"));
            if (!message.authorId().equals(caller.id()) && !access.moderates()) {
                throw new NotAllowedException("not-message-author", "Only its author or a moderator may delete this message");
            }
            if (message.deletedAt() != null) {
                return Uni.createFrom().voidItem();
            }
            return db.withTransaction(tx -> messages.nextEvent(tx, roomId)
                            .chain(eventId -> messages.delete(tx, roomId, messageId, eventId))
                            // Deleted meanwhile by someone else: their event stands, this one is rolled back.
                            .map(deleted -> deleted.orElseThrow(AlreadyDeleted::new)))
                    .call(events::message)
                    .onFailure(AlreadyDeleted.class).recoverWithNull()
                    .replaceWithVoid();
        }));
    }

    /** A retry under a key that already posted answers the first message before any limit is counted. */
    private Uni<Posted> post(RoomAccess access, String idempotencyKey, NewMessage message) {
        UUID roomId = access.roomId();
        UUID authorId = access.userId();
        return messages.byKey(db, roomId, authorId, idempotencyKey).chain(first -> first.isPresent()
                ? Uni.createFrom().item(new Posted(sameRequest(first.get(), message), false))
                : postNew(access, idempotencyKey, message));
    }

    private Uni<Posted> postNew(RoomAccess access, String idempotencyKey, NewMessage message) {
        UUID roomId = access.roomId();
        UUID authorId = access.userId();
        return limiter.acquire(perUser, authorId.toString())
                .chain(() -> limiter.acquire(perRoom, roomId.toString()))
                .chain(() -> messages.post(db, roomId, authorId, access.role(), message, idempotencyKey))
                .map(posted -> new Posted(posted.orElseThrow(() -> new ConflictException("room-archived",
                        "This room is archived: its messages can be read, not added to")), true))
                .call(posted -> events.message(posted.message()))
                // The same key posted concurrently: the other request's message is the answer.
                .onFailure(Messages::isKeyTaken).recoverWithUni(() -> messages.byKey(db, roomId, authorId, idempotencyKey)
                        .map(first -> new Posted(sameRequest(first.orElseThrow(), message), false)))
                .onFailure(Messages::isUnknownReply).transform(failure -> new UnprocessableException("unknown-reply",
                        "replyTo must name a message of this room"));
    }

    /** The message the key posted first, when this request asks for the same; another body under the same key is a 422. */
    private static MessageView sameRequest(MessageView first, NewMessage retry) {
        boolean same = first.deletedAt() != null || first.editedAt() != null
                || (first.body().equals(retry.body()) && Objects.equals(first.replyTo(), retry.replyTo()));
        if (!same) {
            throw new UnprocessableException("idempotency-key-reused",
                    "This Idempotency-Key already posted a different message in this room; send a new key");
        }
        return first;
    }

    private Uni<MessageView> whyNotEdited(SqlClient tx, Caller caller, UUID roomId, UUID messageId) {
        return messages.one(tx, roomId, messageId).map(found -> {
            MessageView message = found.orElseThrow(() -> new NotFoundException("Message"));
            if (!message.authorId().equals(caller.id())) {
                throw new NotAllowedException("not-message-author", "Only its author may edit a message");
            }
            if (message.deletedAt() != null) {
                throw new ConflictException("message-deleted", "A deleted message cannot be edited");
            }
            throw new ConflictException("edit-window-closed",
                    "A message can be edited within " + config.editWindow().toMinutes() + " minutes of posting");
        });
    }

    /** A delete that lost the race to another: rolls back its event id. */
    private static final class AlreadyDeleted extends RuntimeException {
        AlreadyDeleted() {
            super(null, null, false, false);
        }
    }
}
