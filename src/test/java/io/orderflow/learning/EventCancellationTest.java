package io.orderflow.learning;

import io.orderflow.support.Checkouts;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class EventCancellationTest {

    @Inject
    EventCancellationJob job;

    @Test
    void aCancelledEventRefundsEachOrderOnceEvenWhenTheJobStopsHalfway() {
        UUID event = LearningFixtures.event(50, 4);
        UUID mug = TestProducts.stocked(10, 900);
        List<String> eventOnly = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Account buyer = TestAccounts.customer();
            eventOnly.add(Checkouts.buy(buyer, event, 2, buyer.visaCardId()).path("id"));
        }
        Account mixedBuyer = TestAccounts.customer();
        String mixed = Checkouts.place(mixedBuyer, UUID.randomUUID().toString(), Checkouts.body(mixedBuyer, mixedBuyer.visaCardId(),
                List.of(Checkouts.line(event, 1), Checkouts.line(mug, 1)))).path("id");

        given().header("Authorization", LearningFixtures.MANAGER.bearer()).when().post("/api/v1/events/" + event + "/cancel").then()
                .statusCode(200).body("status", equalTo("cancelled"));

        // A run that stops halfway: three orders withdrawn, then the instance is gone.
        List<EventCancellationJob.Withdrawal> batch = job.withdrawals(Set.of()).await().indefinitely().stream()
                .filter(withdrawal -> withdrawal.events().contains(event)).toList();
        assertEquals(7, batch.size());
        batch.subList(0, 3).forEach(withdrawal -> job.withdraw(withdrawal).await().indefinitely());
        // The next run finishes, and another instance repeats every order, already done.
        job.refundCancelledEvents().await().indefinitely();
        batch.forEach(withdrawal -> job.withdraw(withdrawal).await().indefinitely());

        eventOnly.forEach(order -> {
            assertEquals("cancelled", Checkouts.status(order));
            assertEquals(1, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
            assertEquals("refunded", Sql.value("SELECT status FROM payments WHERE order_id = ?::uuid AND status <> 'failed'", order));
        });
        assertEquals("confirmed", Checkouts.status(mixed));
        assertEquals("2500", Sql.value("SELECT string_agg(r.amount_cents::text, ',') FROM refunds r JOIN payments p ON p.id = r.payment_id "
                + "WHERE p.order_id = ?::uuid", mixed));
        assertEquals("9|0|9", TestProducts.levels(mug));
        given().when().get("/api/v1/events/" + event).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("bookingsOpen", equalTo(0)).body("bookingsCancelled", equalTo(7))
                .body("seatsBooked", equalTo(0));
        List<String> all = new ArrayList<>(eventOnly);
        all.add(mixed);
        GatewayLedger.assertMatches(all);
        Invariants.assertHold();
    }

    @Test
    void aCancelledEventSellsNoMoreSeats() {
        UUID event = LearningFixtures.event(10, 4);
        given().header("Authorization", LearningFixtures.MANAGER.bearer()).when().post("/api/v1/events/" + event + "/cancel").then().statusCode(200);
        Account buyer = TestAccounts.customer();

        problem(given().header("Authorization", buyer.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Checkouts.body(buyer, event, 1, buyer.visaCardId()))
                .when().post("/api/v1/orders").then(), 409, "booking-closed");
        given().header("Authorization", LearningFixtures.MANAGER.bearer()).when().post("/api/v1/events/" + event + "/cancel").then()
                .statusCode(200).body("status", equalTo("cancelled"));
        problem(given().header("Authorization", buyer.bearer()).when().post("/api/v1/events/" + event + "/cancel").then(), 403, "forbidden");
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void aListReadBeforeAnotherWithdrawalRefundsEachLineOnce() {
        UUID first = LearningFixtures.event(10, 4);
        UUID second = LearningFixtures.event(10, 4);
        UUID mug = TestProducts.stocked(5, 900);
        Account buyer = TestAccounts.customer();
        String order = Checkouts.place(buyer, UUID.randomUUID().toString(), Checkouts.body(buyer, buyer.visaCardId(),
                List.of(Checkouts.line(first, 1), Checkouts.line(second, 2), Checkouts.line(mug, 1)))).path("id");
        cancel(first);
        cancel(second);

        // One instance read the order with the first event only, another with both; the first commits first.
        job.withdraw(new EventCancellationJob.Withdrawal(UUID.fromString(order), List.of(first))).await().indefinitely();
        job.withdraw(new EventCancellationJob.Withdrawal(UUID.fromString(order), List.of(first, second))).await().indefinitely();

        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("2500,5000", Sql.value("SELECT string_agg(r.amount_cents::text, ',' ORDER BY r.amount_cents) FROM refunds r "
                + "JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
        assertEquals("10|0|10", TestProducts.levels(first));
        assertEquals("10|0|10", TestProducts.levels(second));
        GatewayLedger.assertMatches(order);
        Invariants.assertHold();
    }

    @Test
    void cancellingAnOrderAfterItsEventLineWasWithdrawnReturnsTheSeatsOnce() {
        UUID event = LearningFixtures.event(10, 4);
        UUID mug = TestProducts.stocked(5, 900);
        Account buyer = TestAccounts.customer();
        String order = Checkouts.place(buyer, UUID.randomUUID().toString(), Checkouts.body(buyer, buyer.visaCardId(),
                List.of(Checkouts.line(event, 2), Checkouts.line(mug, 1)))).path("id");
        cancel(event);
        job.withdraw(new EventCancellationJob.Withdrawal(UUID.fromString(order), List.of(event))).await().indefinitely();

        Checkouts.cancel(buyer, order).then().statusCode(200).body("status", equalTo("cancelled"));

        assertEquals("10|0|10", TestProducts.levels(event));
        assertEquals("5|0|5", TestProducts.levels(mug));
        assertEquals("refunded", Sql.value("SELECT status FROM payments WHERE order_id = ?::uuid", order));
        GatewayLedger.assertMatches(order);
        Invariants.assertHold();
    }

    private static void cancel(UUID event) {
        given().header("Authorization", LearningFixtures.MANAGER.bearer()).when().post("/api/v1/events/" + event + "/cancel").then().statusCode(200);
    }
}
