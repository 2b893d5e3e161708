package io.orderflow.conversation;

import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.security.Caller;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Optional;
import java.util.UUID;

/**
 * What the caller may do in a room. Members act with their role. Staff moderate every course and support room, and
 * a course's instructor owns its room, with or without a member row (one is added the first time they post or read).
 * Anyone else is told the room does not exist.
 */
record RoomAccess(RoomView room, UUID userId, boolean staff, boolean hasMemberRow) {

    static final String OWNER = "owner";
    static final String MODERATOR = "moderator";
    static final String MEMBER = "member";

    static RoomAccess of(Optional<Row> found, Caller caller) {
        Row row = found.orElseThrow(RoomAccess::notFound);
        String memberRole = row.getString("member_role");
        String role = memberRole != null ? memberRole : entitledRole(row, caller);
        if (role == null) {
            throw notFound();
        }
        return new RoomAccess(RoomView.of(row, role), caller.id(), caller.staff(), memberRole != null);
    }

    private static String entitledRole(Row row, Caller caller) {
        if (Boolean.TRUE.equals(row.getBoolean("instructs"))) {
            return OWNER;
        }
        boolean staffRoom = !"direct".equals(row.getString("type"));
        return caller.staff() && staffRoom ? MODERATOR : null;
    }

    static NotFoundException notFound() {
        return new NotFoundException("Room");
    }

    UUID roomId() {
        return room.id();
    }

    String role() {
        return room.role();
    }

    /** Owners, moderators and staff delete anyone's message; everyone their own. */
    boolean moderates() {
        return staff || !MEMBER.equals(role());
    }
}
