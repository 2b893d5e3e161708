package io.orderflow.learning;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WaitlistTest {

    @Inject
    WaitlistJob job;

    @Test
    void onlyAFullEventHasALineAndEachCustomerStandsInItOnce() {
        UUID event = LearningFixtures.event(2, 4);
        Account first = TestAccounts.customer();
        Account second = TestAccounts.customer();

        problem(join(first, event), 409, "seats-available");
        Checkouts.paid(TestAccounts.customer(), event, 2);
        join(first, event).statusCode(201).body("status", equalTo("waiting")).body("position", equalTo(1));
        problem(join(first, event), 409, "already-waiting");
        join(second, event).statusCode(201).body("position", equalTo(2));

        leave(first, event).statusCode(204);
        leave(first, event).statusCode(404);
        given().header("Authorization", second.bearer()).when().get("/api/v1/me/waitlist").then().statusCode(200)
                .body("items[0].eventId", equalTo(event.toString())).body("items[0].position", equalTo(1));
        assertEquals(1, Sql.count("SELECT count(*) FROM waitlist_entries WHERE event_id = ? AND status = 'waiting'", event));
    }

    @Test
    void aFreedSeatIsOfferedToTheFirstInLineWhoBuysItWithANormalOrder() {
        Line line = seatFreedForTwoInLine();
        UUID event = line.event();
        Account first = line.first();
        Account second = line.second();

        given().header("Authorization", first.bearer()).when().get("/api/v1/me/waitlist").then()
                .body("items[0].status", equalTo("offered")).body("items[0].offerExpiresAt", notNullValue());
        assertEquals("1|1|0", TestProducts.levels(event));
        Account stranger = TestAccounts.customer();
        problem(Checkouts.buy(stranger, event, 1, stranger.visaCardId()).response().then(), 409, "seats-held");
        problem(Checkouts.buy(second, event, 1, second.visaCardId()).response().then(), 409, "seats-held");

        assertEquals(201, Checkouts.buy(first, event, 1, first.visaCardId()).statusCode());

        assertEquals("accepted", Sql.value("SELECT status FROM waitlist_entries WHERE event_id = ? AND customer_id = ?", event, first.id()));
        assertEquals("0|0|0", TestProducts.levels(event));
        assertEquals(0, Checkouts.ordersOf(stranger));
        Invariants.assertHold();
    }

    @Test
    void anUnusedOfferPassesToTheNextInLine() {
        Line line = seatFreedForTwoInLine();
        UUID event = line.event();
        Account first = line.first();
        Account second = line.second();

        Sql.update("UPDATE waitlist_entries SET offer_expires_at = now() - interval '1 second' WHERE event_id = ? AND status = 'offered'", event);
        job.passOnExpiredOffers().await().indefinitely();

        assertEquals("expired", Sql.value("SELECT status FROM waitlist_entries WHERE event_id = ? AND customer_id = ?", event, first.id()));
        assertEquals("offered", Sql.value("SELECT status FROM waitlist_entries WHERE event_id = ? AND customer_id = ?", event, second.id()));
        assertEquals("1|1|0", TestProducts.levels(event));
        problem(Checkouts.buy(first, event, 1, first.visaCardId()).response().then(), 409, "seats-held");
        Invariants.assertHold();
    }

    @Test
    void concurrentCancellationsOfferEachFreedSeatToExactlyOneCustomerInLine() throws Exception {
        UUID event = LearningFixtures.event(6, 4);
        List<Account> holders = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Account holder = TestAccounts.customer();
            holders.add(holder);
            orders.add(Checkouts.paid(holder, event, 1));
        }
        List<Account> line = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Account waiter = TestAccounts.customer();
            join(waiter, event).statusCode(201);
            line.add(waiter);
        }

        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            racers.add(() -> Checkouts.cancel(holders.get(n), orders.get(n)).statusCode());
            racers.add(() -> {
                job.offerFreedSeats().await().indefinitely();
                return 0;
            });
        }
        Parallel.race(racers);
        job.offerFreedSeats().await().indefinitely();

        List<String> offered = Sql.strings("SELECT customer_id::text FROM waitlist_entries WHERE event_id = ? AND status = 'offered' "
                + "ORDER BY joined_at", event);
        assertEquals(line.subList(0, 6).stream().map(account -> account.id().toString()).toList(), offered);
        assertEquals("6|6|0", TestProducts.levels(event));
        Invariants.assertHold();

        List<Callable<Integer>> buyers = line.stream()
                .<Callable<Integer>>map(waiter -> () -> Checkouts.buy(waiter, event, 1, waiter.visaCardId()).statusCode()).toList();
        List<Integer> statuses = Parallel.race(buyers);

        assertEquals(6, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(4, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals("6", Sql.value("SELECT sum(seats)::text FROM event_bookings WHERE event_id = ? AND status = 'booked'", event));
        Invariants.assertHold();
    }

    /** A one-seat event whose buyer cancelled while two customers waited: the job has run once. */
    private record Line(UUID event, Account first, Account second) {
    }

    private Line seatFreedForTwoInLine() {
        UUID event = LearningFixtures.event(1, 4);
        Account buyer = TestAccounts.customer();
        String order = Checkouts.paid(buyer, event, 1);
        Account first = TestAccounts.customer();
        Account second = TestAccounts.customer();
        join(first, event).statusCode(201);
        join(second, event).statusCode(201);
        Checkouts.cancel(buyer, order).then().statusCode(200);
        job.offerFreedSeats().await().indefinitely();
        return new Line(event, first, second);
    }

    private static ValidatableResponse join(Account customer, UUID event) {
        return given().header("Authorization", customer.bearer()).when().post("/api/v1/events/" + event + "/waitlist").then();
    }

    private static ValidatableResponse leave(Account customer, UUID event) {
        return given().header("Authorization", customer.bearer()).when().delete("/api/v1/events/" + event + "/waitlist").then();
    }
}
