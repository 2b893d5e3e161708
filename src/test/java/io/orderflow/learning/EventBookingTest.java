package io.orderflow.learning;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class EventBookingTest {

    @Test
    void fourHundredBuyersOfAHundredSeatEventBookExactlyAHundredSeats() throws Exception {
        UUID event = LearningFixtures.event(100, 4);
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            buyers.add(TestAccounts.customer());
        }
        AtomicInteger next = new AtomicInteger();

        List<Integer> statuses = Parallel.times(400, () -> {
            Account buyer = buyers.get(next.getAndIncrement());
            return Checkouts.buy(buyer, event, 1, buyer.visaCardId()).statusCode();
        });

        assertEquals(100, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(300, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals("100", Sql.value("SELECT sum(seats)::text FROM event_bookings WHERE event_id = ? AND status = 'booked'", event));
        given().when().get("/api/v1/events/" + event).then().statusCode(200)
                .body("capacity", equalTo(100)).body("seatsLeft", equalTo(0)).body("seatsBooked", equalTo(100));
        Invariants.assertHold();
    }

    @Test
    void aBookingIsListedWithItsEventAndCancellingFreesItsSeats() {
        UUID event = LearningFixtures.event(10, 4);
        Account buyer = TestAccounts.customer();

        String order = Checkouts.buy(buyer, event, 3, buyer.visaCardId()).path("id");
        given().header("Authorization", buyer.bearer()).when().get("/api/v1/me/bookings").then().statusCode(200)
                .body("items[0].eventId", equalTo(event.toString()))
                .body("items[0].seats", equalTo(3))
                .body("items[0].status", equalTo("booked"))
                .body("items[0].venue", equalTo("Salle Pleyel"));
        given().when().get("/api/v1/events/" + event).then().body("seatsLeft", equalTo(7)).body("seatsBooked", equalTo(3));

        Checkouts.cancel(buyer, order).then().statusCode(200).body("status", equalTo("cancelled"));

        assertEquals("cancelled", Sql.value("SELECT status FROM event_bookings WHERE order_id = ?::uuid", order));
        given().when().get("/api/v1/events/" + event).then().body("seatsLeft", equalTo(10)).body("seatsBooked", equalTo(0));
        Invariants.assertHold();
    }

    @Test
    void anOrderBooksAtMostTheEventsSeatsPerOrder() {
        UUID event = LearningFixtures.event(10, 2);
        Account buyer = TestAccounts.customer();

        problem(given().header("Authorization", buyer.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(buyer, event, 3, buyer.visaCardId()))
                .when().post("/api/v1/orders").then(), 409, "too-many-seats").body("limit", equalTo(2));
        assertEquals(0, Checkouts.ordersOf(buyer));
        assertEquals("10|0|10", TestProducts.levels(event));
    }

    @Test
    void bookingClosedAtTheCutOffRefusesNewOrdersAndCancellations() {
        UUID event = LearningFixtures.event(10, 4);
        Account early = TestAccounts.customer();
        String order = Checkouts.buy(early, event, 1, early.visaCardId()).path("id");
        Sql.update("UPDATE event_details SET booking_closes_at = now() - interval '1 minute' WHERE product_id = ?", event);
        Account late = TestAccounts.customer();

        problem(given().header("Authorization", late.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(late, event, 1, late.visaCardId()))
                .when().post("/api/v1/orders").then(), 409, "booking-closed");
        problem(Checkouts.cancel(early, order).then(), 409, "cancel-window-closed");

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals(0, Checkouts.ordersOf(late));
    }

    @Test
    void aMixedOrderBooksTheEventEnrolsTheCourseAndSellsTheGoods() {
        UUID event = LearningFixtures.event(10, 4);
        UUID course = LearningFixtures.course(10);
        UUID mug = TestProducts.stocked(5, 900);
        Account buyer = TestAccounts.customer();

        String order = Checkouts.place(buyer, UUID.randomUUID().toString(), Checkouts.body(buyer, buyer.visaCardId(),
                List.of(Checkouts.line(event, 2), Checkouts.line(course, 1), Checkouts.line(mug, 1)))).path("id");

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals(1, Sql.count("SELECT count(*) FROM enrolments WHERE order_id = ?::uuid AND course_id = ?", order, course));
        assertEquals("2", Sql.value("SELECT seats::text FROM event_bookings WHERE order_id = ?::uuid", order));
        assertEquals("4|0|4", TestProducts.levels(mug));
        Invariants.assertHold();
    }

    @Test
    void capacityChangesAsStockAndCannotDropBelowTheSeatsHeld() {
        UUID event = LearningFixtures.event(5, 4);
        Account buyer = TestAccounts.customer();
        Checkouts.paid(buyer, event, 1);
        Checkouts.declined(TestAccounts.customer(), event, 2);

        problem(adjust(event, -3), 409, "insufficient-stock");
        adjust(event, -2).statusCode(200);

        given().when().get("/api/v1/events/" + event).then()
                .body("capacity", equalTo(3)).body("seatsLeft", equalTo(0)).body("seatsBooked", equalTo(1));
        Invariants.assertHold();
    }

    @Test
    void anOrderOfTicketsOnlyHasNothingToShipWhileAMixedOneShipsItsGoods() {
        UUID event = LearningFixtures.event(10, 4);
        UUID mug = TestProducts.stocked(5, 900);
        Account buyer = TestAccounts.customer();
        String tickets = Checkouts.paid(buyer, event, 1);
        String mixed = Checkouts.place(buyer, UUID.randomUUID().toString(), Checkouts.body(buyer, buyer.visaCardId(),
                List.of(Checkouts.line(event, 1), Checkouts.line(mug, 1)))).path("id");

        problem(ship(tickets), 409, "nothing-to-ship");
        ship(mixed).statusCode(201);

        assertEquals("confirmed", Checkouts.status(tickets));
        assertEquals("shipped", Checkouts.status(mixed));
    }

    @Test
    void upcomingEventsAreListedSoonestFirst() {
        UUID later = LearningFixtures.product("event", 5, 1_000);
        LearningFixtures.putEvent(later, LearningFixtures.eventDetails(OffsetDateTime.now().plusDays(400), 2)).statusCode(200);
        UUID sooner = LearningFixtures.product("event", 5, 1_000);
        LearningFixtures.putEvent(sooner, LearningFixtures.eventDetails(OffsetDateTime.now().plusDays(399), 2)).statusCode(200);

        List<String> ids = given().queryParam("from", OffsetDateTime.now().plusDays(398).toString()).queryParam("limit", 100)
                .when().get("/api/v1/events").then().statusCode(200)
                .body("items.productId", hasItem(later.toString()))
                .extract().path("items.productId");
        assertEquals(List.of(sooner.toString(), later.toString()),
                ids.stream().filter(id -> id.equals(sooner.toString()) || id.equals(later.toString())).toList());
    }

    @Test
    void theListingLeavesOutSoldOutEventsWhenAskedAndStopsAtTo() {
        OffsetDateTime day = OffsetDateTime.now().plusDays(500);
        UUID soldOut = LearningFixtures.product("event", 1, 1_000);
        LearningFixtures.putEvent(soldOut, LearningFixtures.eventDetails(day.plusHours(1), 2)).statusCode(200);
        UUID open = LearningFixtures.product("event", 5, 1_000);
        LearningFixtures.putEvent(open, LearningFixtures.eventDetails(day.plusHours(2), 2)).statusCode(200);
        UUID later = LearningFixtures.product("event", 5, 1_000);
        LearningFixtures.putEvent(later, LearningFixtures.eventDetails(day.plusDays(2), 2)).statusCode(200);
        Checkouts.paid(TestAccounts.customer(), soldOut, 1);

        assertEquals(List.of(soldOut.toString(), open.toString()), listed(day, day.plusDays(1), false));
        assertEquals(List.of(open.toString()), listed(day, day.plusDays(1), true));
    }

    @Test
    void eventDetailsThatEndBeforeTheyStartAreRefused() {
        UUID event = LearningFixtures.product("event", 5, 1_000);
        Map<String, Object> details = LearningFixtures.eventDetails(OffsetDateTime.now().plusDays(3), 2);
        details.put("endsAt", OffsetDateTime.now().plusDays(2).toString());
        details.remove("venue");

        problem(LearningFixtures.putEvent(event, details), 400, "validation");
        assertEquals(0, Sql.count("SELECT count(*) FROM event_details WHERE product_id = ?", event));
    }

    private static ValidatableResponse ship(String order) {
        return given().header("Authorization", LearningFixtures.MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "ups", "trackingNumber", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)))
                .when().post("/api/v1/orders/" + order + "/shipments").then();
    }

    private static ValidatableResponse adjust(UUID event, int seats) {
        return given().header("Authorization", LearningFixtures.MANAGER.bearer()).contentType(ContentType.JSON)
                .body(Map.of("type", "adjustment", "quantityChange", seats, "notes", "fewer seats"))
                .when().post("/api/v1/inventory/" + event + "/adjustments").then();
    }

    private static List<String> listed(OffsetDateTime from, OffsetDateTime to, boolean hasSeats) {
        return given().queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("hasSeats", hasSeats)
                .queryParam("limit", 100)
                .when().get("/api/v1/events").then().statusCode(200).extract().path("items.productId");
    }
}
