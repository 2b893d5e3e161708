package io.orderflow.conversation;

import io.orderflow.ordering.OrderService;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotAllowedException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.orderflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rooms as their members see them: finding one, the caller's rooms with unread counts, read receipts and typing. */
@ApplicationScoped
public class RoomService {

    private final Pool db;
    private final Rooms rooms;
    private final RoomEvents events;
    private final Presence presence;
    private final OrderService orders;

    RoomService(Pool db, Rooms rooms, RoomEvents events, Presence presence, OrderService orders) {
        this.db = db;
        this.rooms = rooms;
        this.events = events;
        this.presence = presence;
        this.orders = orders;
    }

    /** The room and what the caller may do in it; 404 for a room the caller may not see. */
    Uni<RoomAccess> access(Caller caller, UUID roomId) {
        return rooms.byId(db, roomId, caller.id()).map(found -> RoomAccess.of(found, caller));
    }

    /** The latest event id of each of these rooms. */
    Uni<Map<UUID, Long>> latestEvents(Collection<UUID> roomIds) {
        return rooms.latestEvents(db, roomIds);
    }

    public Uni<RoomView> room(Caller caller, UUID roomId) {
        return access(caller, roomId).map(RoomAccess::room);
    }

    /**
     * A course's room. Students get theirs when they enrol; staff and the course's instructor may open it before
     * anyone has, which makes it.
     */
    public Uni<RoomView> courseRoom(Caller caller, UUID courseId) {
        return rooms.byCourse(db, courseId, caller.id()).chain(found -> {
            if (found.isPresent() || !(caller.staff() || Roles.INSTRUCTOR.equals(caller.role()))) {
                return Uni.createFrom().item(found);
            }
            UUID teacher = caller.staff() ? null : caller.id();
            return rooms.createCourseRooms(db, List.of(courseId), teacher).chain(() -> rooms.byCourse(db, courseId, caller.id()));
        }).map(found -> RoomAccess.of(found, caller).room());
    }

    /** An order's support room; 404 until its first message, and for anyone but the order's customer and staff. */
    public Uni<RoomView> orderRoom(Caller caller, UUID orderId) {
        return rooms.byOrder(db, orderId, caller.id()).map(found -> RoomAccess.of(found, caller).room());
    }

    /** The order's support room, made for its first message by the order's customer or staff (anyone else: 404). */
    Uni<RoomAccess> openOrderRoom(Caller caller, UUID orderId) {
        return orders.get(caller, orderId)
                .chain(order -> rooms.createOrderRoom(db, orderId, caller.id()))
                .chain(() -> rooms.byOrder(db, orderId, caller.id()))
                .map(found -> RoomAccess.of(found, caller));
    }

    /** The caller's rooms, the most recently active first, each with its unread count. */
    public Uni<Page<RoomView>> mine(Caller caller, String cursor, int limit) {
        return rooms.mine(db, caller.id(), Cursor.After.of(cursor), limit + 1)
                .map(found -> Page.of(found, limit, last -> Cursor.After.cursor(last.lastActivityAt(), last.id())));
    }

    /** Moves the caller's read mark to the message (never back) and tells the room. */
    public Uni<Void> read(Caller caller, UUID roomId, UUID messageId) {
        return access(caller, roomId)
                .chain(access -> rooms.read(db, roomId, caller.id(), access.role(), messageId))
                .chain(result -> {
                    long seq = result.seq().orElseThrow(() -> new NotFoundException("Message"));
                    return result.moved() ? events.read(roomId, new RoomEvents.Read(caller.id(), messageId, seq))
                            : Uni.createFrom().voidItem();
                });
    }

    /** Owners, moderators and staff archive a room (a support thread that is settled): it can be read, not added to. */
    public Uni<RoomView> archive(Caller caller, UUID roomId) {
        return access(caller, roomId)
                .invoke(access -> {
                    if (!access.moderates()) {
                        throw new NotAllowedException("not-room-moderator", "Only the room's owners, moderators and staff may archive it");
                    }
                })
                .chain(access -> rooms.archive(db, roomId))
                .chain(() -> room(caller, roomId));
    }

    /** The caller mutes or unmutes the room: its messages stay unread-counted, the apps stop notifying. */
    public Uni<RoomView> mute(Caller caller, UUID roomId, boolean muted) {
        return access(caller, roomId)
                .chain(access -> rooms.mute(db, roomId, caller.id(), access.role(), muted))
                .chain(() -> room(caller, roomId));
    }

    /** Tells the room the caller is typing, at most once per half of the typing TTL. */
    public Uni<Void> typing(Caller caller, UUID roomId) {
        return access(caller, roomId)
                .chain(access -> presence.startsTyping(roomId, caller.id()))
                .chain(news -> news
                        ? events.typing(roomId, new RoomEvents.Typing(caller.id(), Instant.now().plus(presence.typingTtl())))
                        : Uni.createFrom().voidItem());
    }
}
