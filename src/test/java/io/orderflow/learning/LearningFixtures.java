package io.orderflow.learning;

import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.OwnerDatabase.execute;
import static io.restassured.RestAssured.given;

/** Courses and events made the way staff make them: a product through the API, then its details. */
public final class LearningFixtures {

    static final Account MANAGER = TestAccounts.staff("manager");

    private LearningFixtures() {
    }

    /** A user with the instructor role, signed in as one. */
    public static Account instructor() {
        Account account = TestAccounts.customer();
        try (Connection db = OwnerDatabase.owner()) {
            execute(db, "UPDATE users SET role = 'instructor' WHERE id = ?", account.id());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot make an instructor", e);
        }
        return new Account(account.id(), account.email(), "instructor", TestAccounts.tokenFor(account.id(), account.email(), "instructor"),
                account.addressId(), account.visaCardId(), account.declinedCardId());
    }

    /** A product of {@code kind} with {@code places} in stock (null: a course without a seat limit). */
    static UUID product(String kind, Integer places, long priceCents) {
        Map<String, Object> body = TestProducts.body(kind + " " + UUID.randomUUID(), priceCents, places == null ? 0 : places);
        body.put("kind", kind);
        body.put("category", "learning-tests");
        if (places == null) {
            body.put("trackInventory", false);
        }
        return TestProducts.create(body);
    }

    static Map<String, Object> courseDetails(Account instructor, boolean published) {
        Map<String, Object> body = new HashMap<>();
        body.put("instructorId", instructor.id());
        body.put("durationMinutes", 90);
        body.put("level", "beginner");
        body.put("schedule", Map.of("timeZone", "Europe/Paris", "weekly", List.of(Map.of("weekday", "MONDAY", "localTime", "18:30"))));
        body.put("shortDescription", "Learn by doing");
        body.put("published", published);
        return body;
    }

    static ValidatableResponse putCourse(UUID product, Object details) {
        return given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(details)
                .when().put("/api/v1/courses/" + product).then();
    }

    /** A published course with {@code places} (null: unlimited) at 5,000 cents. */
    public static UUID course(Integer places) {
        return course(instructor(), places);
    }

    /** A published course taught by {@code instructor}. */
    public static UUID course(Account instructor, Integer places) {
        UUID product = product("course", places, 5_000);
        putCourse(product, courseDetails(instructor, true)).statusCode(200);
        return product;
    }

    static Map<String, Object> eventDetails(OffsetDateTime startsAt, int seatsPerOrder) {
        Map<String, Object> body = new HashMap<>();
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(3).toString());
        body.put("timeZone", "Europe/Paris");
        body.put("venue", "Salle Pleyel");
        body.put("seatsPerOrder", seatsPerOrder);
        return body;
    }

    static ValidatableResponse putEvent(UUID product, Object details) {
        return given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(details)
                .when().put("/api/v1/events/" + product).then();
    }

    /** A scheduled event in a month with {@code seats}, at most {@code seatsPerOrder} an order, 2,500 cents a seat. */
    static UUID event(int seats, int seatsPerOrder) {
        UUID product = product("event", seats, 2_500);
        putEvent(product, eventDetails(OffsetDateTime.now().plusDays(30), seatsPerOrder)).statusCode(200);
        return product;
    }
}
