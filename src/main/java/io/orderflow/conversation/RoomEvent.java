package io.orderflow.conversation;

import java.util.UUID;

/**
 * One event of a room's stream. A message event carries the message's event id ({@code id} > 0), the position a
 * reconnecting client replays from; read receipts, typing and presence are not kept ({@code id} 0) and go out
 * stamped with the stream's current position. {@code data} is the JSON sent, rendered once for every subscriber.
 */
record RoomEvent(UUID roomId, String name, long id, String data) {

    static final String MESSAGE = "message";
    static final String MESSAGE_EDITED = "message-edited";
    static final String MESSAGE_DELETED = "message-deleted";
    static final String READ = "read";
    static final String TYPING = "typing";
    static final String PRESENCE = "presence";

    boolean kept() {
        return id > 0;
    }

    /** One line of text for pub/sub: origin, room, name and id, then the JSON (which may hold anything but is last). */
    String encode(String origin) {
        return origin + ' ' + roomId + ' ' + name + ' ' + id + ' ' + data;
    }

    /** The event and the instance that published it; null for text that is not an event. */
    static Published decode(String text) {
        String[] parts = text.split(" ", 5);
        if (parts.length < 5) {
            return null;
        }
        try {
            return new Published(parts[0], new RoomEvent(UUID.fromString(parts[1]), parts[2], Long.parseLong(parts[3]), parts[4]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    record Published(String origin, RoomEvent event) {
    }
}
