package io.orderflow.conversation;

import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.security.Caller;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Optional;
import java.util.UUID;

/**
 * What the caller may do in a room. Staff moderate every course and support room, and a course's instructor owns its
 * room, with or without a member row (one is added the first time they post or read, for their read mark); students
 * and an order's customer are members through their member row. Anyone else is told the room does not exist.
 */
record RoomAccess(RoomView room, UUID userId, boolean staff, boolean hasMemberRow) {

    static final String OWNER = "owner";
    static final String MODERATOR = "moderator";
    static final String MEMBER = "member";

    static RoomAccess of(Optional<Row> found, Caller caller) {
        Row row = found.orElseThrow(RoomAccess::notFound);
        String memberRole = row.getString("member_role");
        String role = entitledRole(row, caller);
        if (role == null && memberRole != null && (MEMBER.equals(memberRole) || isDirect(row))) {
            role = memberRole;
        }
        if (role == null) {
            throw notFound();
        }
        return new RoomAccess(RoomView.of(row, role), caller.id(), caller.staff(), memberRole != null);
    }

    /**
     * Owning a course room and moderating course and support rooms follow who the caller is now (the course's
     * instructor, staff), never a role stored when they first posted: a demoted employee or a replaced instructor
     * keeps no access through their old member row.
     */
    private static String entitledRole(Row row, Caller caller) {
        if (Boolean.TRUE.equals(row.getBoolean("instructs"))) {
            return OWNER;
        }
        return caller.staff() && !isDirect(row) ? MODERATOR : null;
    }

    private static boolean isDirect(Row row) {
        return "direct".equals(row.getString("type"));
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
