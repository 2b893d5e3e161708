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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IdempotencyTest {

    private static final String PROBLEMS = "https://orderflow.io/problems/";

    @Test
    void sameKeyAndBodyReplaysTheFirstResponse() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());

        ExtractableResponse<Response> first = Checkouts.place(buyer, key, body);
        ExtractableResponse<Response> again = Checkouts.place(buyer, key, body);

        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""));
        assertEquals(1, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
        assertEquals("4|0|4", CheckoutTest.levels(product));
    }

    @Test
    void aDeclineIsReplayedWithoutChargingAgain() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.declinedCardId());

        ExtractableResponse<Response> first = Checkouts.place(buyer, key, body);
        ExtractableResponse<Response> again = Checkouts.place(buyer, key, body);

        assertEquals(402, first.statusCode());
        assertEquals(402, again.statusCode());
        assertEquals("application/problem+json", again.contentType());
        assertEquals((String) first.path("orderId"), again.path("orderId"));
        assertEquals(1, Sql.count("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = ?", buyer.id()));
    }

    @Test
    void sameKeyWithADifferentBodyAnswers422() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Checkouts.place(buyer, key, Checkouts.body(buyer, product, 1, buyer.visaCardId()));

        ExtractableResponse<Response> changed = Checkouts.place(buyer, key, Checkouts.body(buyer, product, 2, buyer.visaCardId()));

        assertEquals(422, changed.statusCode());
        assertEquals(PROBLEMS + "idempotency-key-reused", changed.path("type"));
        assertEquals(1, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
        assertEquals("4|0|4", CheckoutTest.levels(product));
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
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());
        holdKey(buyer, key, body, "now() + interval '1 minute'");

        ExtractableResponse<Response> response = Checkouts.place(buyer, key, body);

        assertEquals(409, response.statusCode());
        assertEquals(PROBLEMS + "idempotency-in-flight", response.path("type"));
        assertEquals(0, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
    }

    @Test
    void aLockLeftByACrashIsTakenOver() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());
        holdKey(buyer, key, body, "now() - interval '1 second'");

        ExtractableResponse<Response> response = Checkouts.place(buyer, key, body);

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals("201", Sql.value("SELECT response_status FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?", buyer.id(), key));
    }

    @Test
    void aTakeoverResumesTheOrderTheCrashedRequestWrote() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(buyer, product, 1, buyer.declinedCardId()).path("orderId");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());
        Sql.update("INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key)"
                + " VALUES (?::uuid, ?, 100, 'USD', ?)", order, buyer.visaCardId(), "pay_" + UUID.randomUUID());
        holdKey(buyer, key, body, "now() - interval '1 second'");
        Sql.update("UPDATE idempotency_keys SET order_id = ?::uuid WHERE customer_id = ? AND idempotency_key = ?", order, buyer.id(), key);

        ExtractableResponse<Response> response = Checkouts.place(buyer, key, body);

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals(order, response.path("id"));
        assertEquals(1, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
        assertEquals("4|0|4", CheckoutTest.levels(product));
    }

    @Test
    void twentyConcurrentDuplicatesCreateOneOrderAndChargeOnce() throws Exception {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(50, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());

        List<Integer> statuses = Parallel.times(20, () -> Checkouts.place(buyer, key, body).statusCode());

        assertTrue(statuses.contains(201), statuses.toString());
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 409), statuses.toString());
        assertEquals(1, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
        assertEquals(1, Sql.count("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = ?", buyer.id()));
        assertEquals("49|0|49", CheckoutTest.levels(product));
        Invariants.assertHold();
    }

    @Test
    void aKeyReusedAfterItsRecordExpiredAnswers422AndMakesNoSecondOrder() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Checkouts.body(buyer, product, 1, buyer.visaCardId());
        assertEquals(201, Checkouts.place(buyer, key, body).statusCode());
        Sql.update("DELETE FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?", buyer.id(), key);

        ExtractableResponse<Response> reused = Checkouts.place(buyer, key, body);

        assertEquals(422, reused.statusCode(), reused.asString());
        assertEquals(PROBLEMS + "idempotency-key-expired", reused.path("type"));
        assertEquals(1, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", buyer.id()));
        assertEquals("4|0|4", CheckoutTest.levels(product));
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?", buyer.id(), key));
    }

    /** A claim as a request in flight (or one that crashed) leaves it. */
    private static void holdKey(Account buyer, String key, Map<String, Object> body, String lockedUntil) {
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) body.get("items")).get(0);
        CreateOrderRequest request = new CreateOrderRequest(
                List.of(new CreateOrderRequest.Line((UUID) line.get("productId"), (Integer) line.get("quantity"))), null,
                buyer.addressId(), buyer.addressId(), (UUID) body.get("paymentMethodId"));
        Sql.update("INSERT INTO idempotency_keys (customer_id, scope, idempotency_key, request_hash, locked_until) VALUES (?, ?, ?, ?, "
                + lockedUntil + ")", buyer.id(), CheckoutPipeline.CREATE_SCOPE, key, request.hash());
    }
}
