package io.orderflow.conversation;

import io.orderflow.learning.LearningFixtures;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CourseRoomTest {

    private static ValidatableResponse courseRoom(Account caller, UUID course) {
        return given().header("Authorization", caller.bearer()).when().get("/api/v1/courses/" + course + "/room").then();
    }

    private static String members(UUID course, String role) {
        return Sql.value("""
                SELECT count(*)::text FROM room_members m JOIN rooms r ON r.id = m.room_id
                WHERE r.course_id = ?::uuid AND m.role = ?""", course, role);
    }

    @Test
    void enrollingJoinsTheCourseRoomAndCancellingLeavesIt() {
        Account instructor = LearningFixtures.instructor();
        UUID course = LearningFixtures.course(instructor, 20);
        Account student = TestAccounts.customer();
        Account classmate = TestAccounts.customer();

        String order = Checkouts.buy(student, course, 1, student.visaCardId()).path("id");
        Checkouts.buy(classmate, course, 1, classmate.visaCardId());

        String room = courseRoom(student, course).statusCode(200).body("type", equalTo("course")).body("role", equalTo("member"))
                .body("courseId", equalTo(course.toString())).extract().path("id");
        assertEquals("2", members(course, "member"));
        assertEquals("1", members(course, "owner"), "the instructor owns the room");
        given().header("Authorization", student.bearer()).when().get("/api/v1/me/rooms").then().statusCode(200)
                .body("items.id", hasItem(room));
        Conversations.say(student, UUID.fromString(room), "Hi all");

        Checkouts.cancel(student, order).then().statusCode(200);

        problem(courseRoom(student, course), 404, "not-found");
        problem(Conversations.room(student, UUID.fromString(room)), 404, "not-found");
        assertEquals("1", members(course, "member"));
        courseRoom(classmate, course).statusCode(200);
        Invariants.assertHold();
    }

    @Test
    void theInstructorOwnsTheRoomStaffModerateItAndOtherCustomersCannotSeeIt() {
        Account instructor = LearningFixtures.instructor();
        UUID course = LearningFixtures.course(instructor, 20);

        courseRoom(Conversations.STAFF, course).statusCode(200).body("role", equalTo("moderator"));
        String room = courseRoom(instructor, course).statusCode(200).body("role", equalTo("owner")).extract().path("id");
        problem(courseRoom(TestAccounts.customer(), course), 404, "not-found");
        problem(courseRoom(LearningFixtures.instructor(), course), 404, "not-found");

        String notice = Conversations.say(instructor, UUID.fromString(room), "Welcome");
        Account student = TestAccounts.customer();
        Checkouts.buy(student, course, 1, student.visaCardId());
        Conversations.room(student, UUID.fromString(room)).statusCode(200).body("unread", equalTo(1));
        given().header("Authorization", instructor.bearer()).when().delete("/api/v1/rooms/" + room + "/messages/"
                + Conversations.say(student, UUID.fromString(room), "spam")).then().statusCode(204);
        assertEquals(notice, Sql.value("SELECT id::text FROM messages WHERE room_id = ?::uuid AND deleted_at IS NULL", room));
    }
}
