package io.orderflow.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events a room's streams receive, rendered to JSON once and handed to {@link RoomFanout}. */
@ApplicationScoped
class RoomEvents {

    /** Data of a read event: the member read up to this message. */
    record Read(UUID userId, UUID messageId, long seq) {
    }

    /** Data of a typing event: the member is typing, until about {@code until}. */
    record Typing(UUID userId, Instant until) {
    }

    /** Data of a presence event: the members with a stream open on the room now. */
    record Online(List<UUID> online) {
    }

    private final RoomFanout fanout;
    private final ObjectMapper json;

    RoomEvents(RoomFanout fanout, ObjectMapper json) {
        this.fanout = fanout;
        this.json = json;
    }

    /** The message's current state as its stream event (message, message-edited or message-deleted). */
    RoomEvent of(MessageView message) {
        return new RoomEvent(message.roomId(), message.eventName(), message.eventId(), render(message));
    }

    Uni<Void> message(MessageView message) {
        return fanout.publish(of(message));
    }

    Uni<Void> read(UUID roomId, Read read) {
        return fanout.publish(new RoomEvent(roomId, RoomEvent.READ, 0, render(read)));
    }

    Uni<Void> typing(UUID roomId, Typing typing) {
        return fanout.publish(new RoomEvent(roomId, RoomEvent.TYPING, 0, render(typing)));
    }

    Uni<Void> presence(UUID roomId, List<UUID> online) {
        return fanout.publish(new RoomEvent(roomId, RoomEvent.PRESENCE, 0, render(new Online(online))));
    }

    private String render(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A room event could not be rendered", e);
        }
    }
}
