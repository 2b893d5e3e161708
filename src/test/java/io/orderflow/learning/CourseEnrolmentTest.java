package io.orderflow.learning;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CourseEnrolmentTest {

    @Test
    void paidCourseOrderEnrolsTheStudentInTheConfirmingTransaction() {
        UUID course = LearningFixtures.course(20);
        Account student = TestAccounts.customer();

        String order = Checkouts.buy(student, course, 1, student.visaCardId()).path("id");

        given().header("Authorization", student.bearer()).when().get("/api/v1/me/enrolments").then()
                .statusCode(200)
                .body("items[0].courseId", equalTo(course.toString()))
                .body("items[0].orderId", equalTo(order))
                .body("items[0].status", equalTo("enrolled"));
        assertEquals("1", Sql.value("SELECT enrolled_count::text FROM course_details WHERE product_id = ?", course));
        Invariants.assertHold();
    }

    @Test
    void buyingACourseAlreadyHeldAnswersAlreadyEnrolledAndChargesNothing() {
        UUID course = LearningFixtures.course(20);
        Account student = TestAccounts.customer();
        Checkouts.buy(student, course, 1, student.visaCardId());

        problem(given().header("Authorization", student.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(student, course, 1, student.visaCardId()))
                .when().post("/api/v1/orders").then(), 409, "already-enrolled");

        assertEquals(1, Checkouts.ordersOf(student));
        assertEquals(1, Checkouts.paymentsOf(student));
        assertEquals("19", Sql.value("SELECT quantity_available::text FROM inventory WHERE product_id = ?", course));
    }

    @Test
    void twoConcurrentOrdersOfOneCourseEnrolTheStudentOnce() throws Exception {
        UUID course = LearningFixtures.course(null);
        Account student = TestAccounts.customer();
        Callable<Integer> order = () -> Checkouts.buy(student, course, 1, student.visaCardId()).statusCode();

        List<Integer> statuses = Parallel.race(List.of(order, order, order, order));

        assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(3, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals(1, Sql.count("SELECT count(*) FROM enrolments WHERE course_id = ? AND student_id = ?", course, student.id()));
        assertEquals(1, Checkouts.paymentsOf(student));
        Invariants.assertHold();
    }

    @Test
    void unpublishedCourseIsNotSoldAndNotListed() {
        UUID course = LearningFixtures.product("course", 10, 5_000);
        LearningFixtures.putCourse(course, LearningFixtures.courseDetails(LearningFixtures.instructor(), false)).statusCode(200)
                .body("published", equalTo(false));
        Account student = TestAccounts.customer();

        problem(given().header("Authorization", student.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(student, course, 1, student.visaCardId()))
                .when().post("/api/v1/orders").then(), 409, "not-on-sale");
        String slug = Sql.value("SELECT slug FROM products WHERE id = ?", course);
        given().when().get("/api/v1/courses/" + slug).then().statusCode(404);
        given().header("Authorization", LearningFixtures.MANAGER.bearer()).when().get("/api/v1/courses/" + slug).then()
                .statusCode(200).body("productId", equalTo(course.toString()));
        assertEquals(0, Checkouts.ordersOf(student));
    }

    @Test
    void aCourseIsBoughtOneSeatPerStudent() {
        UUID course = LearningFixtures.course(10);
        Account student = TestAccounts.customer();

        problem(given().header("Authorization", student.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(student, course, 2, student.visaCardId()))
                .when().post("/api/v1/orders").then(), 422, "one-seat-per-course");
        assertEquals(0, Checkouts.ordersOf(student));
    }

    @Test
    void publishedCourseIsListedAndFoundBySlugWithItsDetails() {
        Account instructor = LearningFixtures.instructor();
        UUID course = LearningFixtures.product("course", 12, 7_500);
        LearningFixtures.putCourse(course, LearningFixtures.courseDetails(instructor, true)).statusCode(200);
        String slug = Sql.value("SELECT slug FROM products WHERE id = ?", course);

        given().when().get("/api/v1/courses/" + slug).then().statusCode(200)
                .body("instructorId", equalTo(instructor.id().toString()))
                .body("instructorName", equalTo("Test User"))
                .body("level", equalTo("beginner"))
                .body("schedule.timeZone", equalTo("Europe/Paris"))
                .body("schedule.weekly[0].weekday", equalTo("MONDAY"))
                .body("schedule.weekly[0].localTime", equalTo("18:30:00"))
                .body("seatsLeft", equalTo(12))
                .body("priceCents", equalTo(7_500));
        given().queryParam("instructorId", instructor.id().toString()).when().get("/api/v1/courses").then().statusCode(200)
                .body("items.productId", hasItem(course.toString()));
    }

    @Test
    void detailsOfAProductOfAnotherKindAreRefused() {
        UUID physical = LearningFixtures.product("physical", 3, 100);

        problem(LearningFixtures.putCourse(physical, LearningFixtures.courseDetails(LearningFixtures.instructor(), true)), 409, "wrong-kind");
        problem(LearningFixtures.putCourse(UUID.randomUUID(), LearningFixtures.courseDetails(LearningFixtures.instructor(), true)), 404, "not-found");
        assertEquals(0, Sql.count("SELECT count(*) FROM course_details WHERE product_id = ?", physical));
    }

    @Test
    void aCourseTaughtBySomeoneWhoIsNotAnInstructorIsRefused() {
        UUID course = LearningFixtures.product("course", 3, 100);

        problem(LearningFixtures.putCourse(course, LearningFixtures.courseDetails(TestAccounts.customer(), true)), 422, "not-an-instructor");
        assertEquals(0, Sql.count("SELECT count(*) FROM course_details WHERE product_id = ?", course));
    }

    @Test
    void invalidDetailsAnswerTheFailingFieldsAndWriteNothing() {
        UUID course = LearningFixtures.product("course", 3, 100);
        Map<String, Object> details = LearningFixtures.courseDetails(LearningFixtures.instructor(), true);
        details.put("level", "expert");
        details.put("schedule", Map.of("timeZone", "Mars/Olympus"));

        problem(LearningFixtures.putCourse(course, details), 400, "validation");
        assertEquals(0, Sql.count("SELECT count(*) FROM course_details WHERE product_id = ?", course));
        assertEquals(0, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'course' AND entity_id = ?", course));
    }

    @Test
    void savingDetailsWritesTheAuditRowInTheSameTransaction() {
        UUID course = LearningFixtures.course(5);
        Map<String, Object> details = LearningFixtures.courseDetails(LearningFixtures.instructor(), true);
        details.put("durationMinutes", 120);

        LearningFixtures.putCourse(course, details).statusCode(200).body("durationMinutes", equalTo(120));

        assertEquals(List.of("create", "update"),
                Sql.strings("SELECT action FROM audit_logs WHERE entity_type = 'course' AND entity_id = ? ORDER BY created_at", course));
        assertEquals("120", Sql.value("SELECT new_values ->> 'durationMinutes' FROM audit_logs "
                + "WHERE entity_type = 'course' AND entity_id = ? AND action = 'update'", course));
    }

    @Test
    void completingACourseEndsItsRefundWindow() {
        UUID course = LearningFixtures.course(5);
        Account student = TestAccounts.customer();
        String order = Checkouts.buy(student, course, 1, student.visaCardId()).path("id");
        String enrolment = Sql.value("SELECT id::text FROM enrolments WHERE order_id = ?::uuid", order);

        given().header("Authorization", student.bearer()).contentType(ContentType.JSON).body(Map.of("status", "completed"))
                .when().patch("/api/v1/me/enrolments/" + enrolment).then().statusCode(200).body("status", equalTo("completed"));
        problem(Checkouts.cancel(student, order).then(), 409, "cancel-window-closed");
        given().header("Authorization", TestAccounts.customer().bearer()).contentType(ContentType.JSON).body(Map.of("status", "completed"))
                .when().patch("/api/v1/me/enrolments/" + enrolment).then().statusCode(404);

        assertEquals("confirmed", Checkouts.status(order));
        Invariants.assertHold();
    }

    @Test
    void cancellingWithinTheWindowRefundsAndFreesThePlace() {
        UUID course = LearningFixtures.course(5);
        Account student = TestAccounts.customer();
        String order = Checkouts.buy(student, course, 1, student.visaCardId()).path("id");

        Checkouts.cancel(student, order).then().statusCode(200).body("status", equalTo("cancelled"));

        assertEquals("cancelled", Sql.value("SELECT status FROM enrolments WHERE order_id = ?::uuid", order));
        assertEquals("0", Sql.value("SELECT enrolled_count::text FROM course_details WHERE product_id = ?", course));
        assertEquals("5", Sql.value("SELECT quantity_available::text FROM inventory WHERE product_id = ?", course));
        assertEquals(201, Checkouts.buy(student, course, 1, student.visaCardId()).statusCode());
        assertEquals(1, Sql.count("SELECT count(*) FROM enrolments WHERE course_id = ? AND status = 'enrolled'", course));
        Invariants.assertHold();
    }
}
