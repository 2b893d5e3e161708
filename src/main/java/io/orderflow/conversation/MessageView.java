package io.orderflow.conversation;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message as members see it, in a page of history and in a stream's message events. A deleted message keeps its
 * place ({@code seq}) and loses its text. {@code eventId} is the id of the last event that changed it.
 */
@Schema(name = "Message")
public record MessageView(UUID id, UUID roomId, long seq, long eventId, UUID authorId, String authorName,
                          @Schema(nullable = true) String body, @Schema(nullable = true) UUID replyTo,
                          OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime editedAt,
                          @Schema(nullable = true) OffsetDateTime deletedAt) {

    static MessageView of(Row row) {
        return new MessageView(row.getUUID("id"), row.getUUID("room_id"), row.getLong("seq"), row.getLong("event_id"),
                row.getUUID("author_id"), row.getString("author_name"), row.getString("body"), row.getUUID("reply_to"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("edited_at"), row.getOffsetDateTime("deleted_at"));
    }

    /** The stream event this state of the message is sent as: a client upserts by id whichever it gets. */
    String eventName() {
        if (deletedAt != null) {
            return RoomEvent.MESSAGE_DELETED;
        }
        return editedAt != null ? RoomEvent.MESSAGE_EDITED : RoomEvent.MESSAGE;
    }
}
