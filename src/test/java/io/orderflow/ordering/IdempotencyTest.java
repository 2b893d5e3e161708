package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IdempotencyTest {

    @Test
    void sameKeyAndBodyReplaysTheFirstResponse() {
        Attempt attempt = Attempt.withGoodCard(5);

        ExtractableResponse<Response> first = attempt.place();
        ExtractableResponse<Response> again = attempt.place();

        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""));
        attempt.assertOneOrderOfOneUnit();
    }

    @Test
    void aDeclineIsReplayedWithoutChargingAgain() {
        Attempt attempt = Attempt.of(5, Account::declinedCardId);

        ExtractableResponse<Response> first = attempt.place();
        ExtractableResponse<Response> again = attempt.place();

        assertEquals(402, first.statusCode());
        assertEquals(402, again.statusCode());
        assertEquals("application/problem+json", again.contentType());
        assertEquals((String) first.path("orderId"), again.path("orderId"));
        assertEquals(1, Checkouts.paymentsOf(attempt.buyer()));
    }

    @Test
    void sameKeyWithADifferentBodyAnswers422() {
        Attempt attempt = Attempt.withGoodCard(5);
        attempt.place();

        ExtractableResponse<Response> changed = Checkouts.place(attempt.buyer(), attempt.key(),
                Checkouts.body(attempt.buyer(), attempt.product(), 2, attempt.buyer().visaCardId()));

        assertEquals(422, changed.statusCode());
        assertEquals(PROBLEMS + "idempotency-key-reused", changed.path("type"));
        attempt.assertOneOrderOfOneUnit();
    }

    @Test
    void keysArePerCustomer() {
        Account first = TestAccounts.customer();
        Account second = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();

        assertEquals(201, Checkouts.place(first, key, Checkouts.body(first, product, 1, first.visaCardId())).statusCode());
        assertEquals(201, Checkouts.place(second, key, Checkouts.body(second, product, 1, second.visaCardId())).statusCode());
    }

    @Test
    void aRequestWhileTheFirstHoldsTheKeyAnswers409() {
        Attempt attempt = Attempt.withGoodCard(5);
        attempt.holdKey("now() + interval '1 minute'");

        ExtractableResponse<Response> response = attempt.place();

        assertEquals(409, response.statusCode());
        assertEquals(PROBLEMS + "idempotency-in-flight", response.path("type"));
        assertEquals(0, Checkouts.ordersOf(attempt.buyer()));
    }

    @Test
    void aLockLeftByACrashIsTakenOver() {
        Attempt attempt = Attempt.withGoodCard(5);
        attempt.holdKey("now() - interval '1 second'");

        ExtractableResponse<Response> response = attempt.place();

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals("201", Sql.value("SELECT response_status FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?",
                attempt.buyer().id(), attempt.key()));
    }

    @Test
    void aTakeoverResumesTheOrderTheCrashedRequestWrote() {
        Attempt attempt = Attempt.withGoodCard(5);
        Account buyer = attempt.buyer();
        String order = Checkouts.declined(buyer, attempt.product(), 1);
        Sql.update("INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key)"
                + " VALUES (?::uuid, ?, 100, 'USD', ?)", order, buyer.visaCardId(), "pay_" + UUID.randomUUID());
        attempt.holdKey("now() - interval '1 second'");
        Sql.update("UPDATE idempotency_keys SET order_id = ?::uuid WHERE customer_id = ? AND idempotency_key = ?", order, buyer.id(), attempt.key());

        ExtractableResponse<Response> response = attempt.place();

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals(order, response.path("id"));
        attempt.assertOneOrderOfOneUnit();
    }

    @Test
    void twentyConcurrentDuplicatesCreateOneOrderAndChargeOnce() throws Exception {
        Attempt attempt = Attempt.withGoodCard(50);

        List<Integer> statuses = Parallel.times(20, () -> attempt.place().statusCode());

        assertTrue(statuses.contains(201), statuses.toString());
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 409), statuses.toString());
        attempt.assertOneOrderOfOneUnit();
        assertEquals(1, Checkouts.paymentsOf(attempt.buyer()));
        Invariants.assertHold();
    }

    @Test
    void aKeyReusedAfterItsRecordExpiredAnswers422AndMakesNoSecondOrder() {
        Attempt attempt = Attempt.withGoodCard(5);
        assertEquals(201, attempt.place().statusCode());
        Sql.update("DELETE FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?", attempt.buyer().id(), attempt.key());

        ExtractableResponse<Response> reused = attempt.place();

        assertEquals(422, reused.statusCode(), reused.asString());
        assertEquals(PROBLEMS + "idempotency-key-expired", reused.path("type"));
        attempt.assertOneOrderOfOneUnit();
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?",
                attempt.buyer().id(), attempt.key()));
    }

    /** A new customer's checkout of one unit of a new product ({@code onHand} units at 100 cents) under a new idempotency key. */
    private record Attempt(Account buyer, UUID product, int onHand, String key, Map<String, Object> body) {

        static Attempt of(int onHand, Function<Account, UUID> card) {
            Account buyer = TestAccounts.customer();
            UUID product = TestProducts.stocked(onHand, 100);
            return new Attempt(buyer, product, onHand, UUID.randomUUID().toString(), Checkouts.body(buyer, product, 1, card.apply(buyer)));
        }

        static Attempt withGoodCard(int onHand) {
            return of(onHand, Account::visaCardId);
        }

        ExtractableResponse<Response> place() {
            return Checkouts.place(buyer, key, body);
        }

        /** The buyer has exactly one order, and it sold one unit. */
        void assertOneOrderOfOneUnit() {
            assertEquals(1, Checkouts.ordersOf(buyer));
            int left = onHand - 1;
            assertEquals(left + "|0|" + left, levels(product));
        }

        /** A claim of the key as a request in flight (or one that crashed) leaves it. */
        void holdKey(String lockedUntil) {
            CreateOrderRequest request = new CreateOrderRequest(List.of(new CreateOrderRequest.Line(product, 1)), null,
                    buyer.addressId(), buyer.addressId(), (UUID) body.get("paymentMethodId"));
            Sql.update("INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, locked_until) VALUES (?, ?, ?, ?, "
                    + lockedUntil + ")", buyer.id(), CheckoutPipeline.CREATE_SCOPE, key, request.hash());
        }
    }
}
