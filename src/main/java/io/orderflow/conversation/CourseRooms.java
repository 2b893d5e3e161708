package io.orderflow.conversation;

import io.orderflow.learning.EnrolmentChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Keeps course rooms' members in step with enrolments, in the transaction that enrols or cancels. */
@ApplicationScoped
class CourseRooms implements EnrolmentChanges {

    private final Rooms rooms;

    CourseRooms(Rooms rooms) {
        this.rooms = rooms;
    }

    /** The course's room is made with its first student, the instructor as its owner. */
    @Override
    public Uni<Void> enrolled(SqlClient tx, UUID studentId, List<UUID> courseIds) {
        return rooms.createCourseRooms(tx, courseIds, null).chain(() -> rooms.joinCourses(tx, studentId, courseIds));
    }

    @Override
    public Uni<Void> cancelled(SqlClient tx, UUID studentId, List<UUID> courseIds) {
        return rooms.leaveCourses(tx, studentId, courseIds);
    }
}
