package io.orderflow.conversation;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A room as the caller sees it: their role in it, how many messages it holds ({@code lastSeq}) and how many of them
 * came after the last one they read ({@code unread}).
 */
@Schema(name = "Room")
public record RoomView(UUID id, @Schema(enumeration = {"course", "order-support", "direct"}) String type, String name,
                       @Schema(nullable = true) UUID courseId, @Schema(nullable = true) UUID orderId,
                       @Schema(enumeration = {"owner", "moderator", "member"}) String role, boolean muted,
                       long lastSeq, long lastEventId, long unread, OffsetDateTime lastActivityAt,
                       @Schema(nullable = true) OffsetDateTime archivedAt) {

    static RoomView of(Row row, String role) {
        long lastSeq = row.getLong("last_seq");
        Long lastRead = row.getLong("last_read_seq");
        Boolean muted = row.getBoolean("muted");
        return new RoomView(row.getUUID("id"), row.getString("type"), row.getString("name"), row.getUUID("course_id"),
                row.getUUID("order_id"), role, Boolean.TRUE.equals(muted), lastSeq, row.getLong("last_event_id"),
                lastSeq - (lastRead == null ? 0 : lastRead), row.getOffsetDateTime("last_activity_at"),
                row.getOffsetDateTime("archived_at"));
    }
}
