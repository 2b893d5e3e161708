package io.orderflow.learning;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CourseReviewTest {

    @Test
    void concurrentReviewsKeepTheExactAverageAndCount() throws Exception {
        UUID course = LearningFixtures.course(null);
        List<Account> students = new ArrayList<>();
        List<Callable<Integer>> reviews = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < 24; i++) {
            Account student = TestAccounts.customer();
            assertEquals(201, Checkouts.buy(student, course, 1, student.visaCardId()).statusCode());
            students.add(student);
            int rating = 1 + i % 5;
            sum += rating;
            reviews.add(() -> review(student, course, rating, "take " + rating).extract().statusCode());
        }

        List<Integer> statuses = Parallel.race(reviews);

        assertEquals(24, Collections.frequency(statuses, 201), statuses.toString());
        String expected = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(24), 2, RoundingMode.HALF_UP).toPlainString();
        assertEquals(expected + "|24", Sql.value("SELECT rating || '|' || rating_count FROM course_details WHERE product_id = ?", course));
        Invariants.assertHold();
    }

    @Test
    void aSecondReviewReplacesTheFirst() {
        UUID course = LearningFixtures.course(5);
        Account student = TestAccounts.customer();
        Checkouts.buy(student, course, 1, student.visaCardId());

        review(student, course, 2, "slow start").statusCode(201).body("rating", equalTo(2));
        review(student, course, 5, "it came together").statusCode(200).body("rating", equalTo(5)).body("comment", equalTo("it came together"));

        assertEquals("5.00|1", Sql.value("SELECT rating || '|' || rating_count FROM course_details WHERE product_id = ?", course));
        given().when().get("/api/v1/courses/" + course + "/reviews").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].rating", equalTo(5));
        assertEquals(List.of("create", "update"),
                Sql.strings("SELECT action FROM audit_logs WHERE entity_type = 'review' AND user_id = ? ORDER BY created_at", student.id()));
    }

    @Test
    void onlyAnEnrolledStudentReviews() {
        UUID course = LearningFixtures.course(5);
        Account stranger = TestAccounts.customer();

        problem(review(stranger, course, 1, "never took it"), 403, "not-enrolled");
        problem(review(stranger, UUID.randomUUID(), 1, "no such course"), 404, "not-found");
        assertEquals("0.00|0", Sql.value("SELECT rating || '|' || rating_count FROM course_details WHERE product_id = ?", course));
    }

    @Test
    void aRatingOutsideOneToFiveIsRefused() {
        UUID course = LearningFixtures.course(5);
        Account student = TestAccounts.customer();
        Checkouts.buy(student, course, 1, student.visaCardId());

        problem(review(student, course, 6, "off the scale"), 400, "validation");
        assertEquals(0, Sql.count("SELECT count(*) FROM course_reviews WHERE course_id = ?", course));
    }

    private static ValidatableResponse review(Account student, UUID course, int rating, String comment) {
        return given().header("Authorization", student.bearer()).contentType(ContentType.JSON)
                .body(Map.of("rating", rating, "comment", comment))
                .when().post("/api/v1/courses/" + course + "/reviews").then();
    }
}
