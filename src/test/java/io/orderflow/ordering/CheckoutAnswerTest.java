package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.payment.PaymentStatus;
import io.orderflow.platform.security.Caller;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer step without Quarkus: what each order state answers, whether it is stored, and what it counts as. */
class CheckoutAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Caller CALLER = Caller.customer(UUID.randomUUID(), "/api/v1/orders");
    private static final String PROBLEMS = "https://orderflow.io/problems/";

    @Test
    void aPaidOrderIsTheSuccessStatusWithTheOrderInLowercase() {
        CheckoutAnswer answer = CheckoutAnswer.of(order(OrderStatus.CONFIRMED, payment(PaymentStatus.SUCCEEDED, null)), 201, CALLER, JSON);

        assertEquals(CheckoutAnswer.Outcome.CONFIRMED, answer.outcome());
        assertTrue(answer.isFinal());
        assertEquals(201, answer.response().status());
        assertEquals("confirmed", answer.response().body().getString("status"));
        assertEquals("succeeded", answer.response().body().getJsonObject("payment").getString("status"));
    }

    @Test
    void aPaidRetryAnswersItsOwnSuccessStatus() {
        assertEquals(200, CheckoutAnswer.of(order(OrderStatus.CONFIRMED, payment(PaymentStatus.SUCCEEDED, null)), 200, CALLER, JSON)
                .response().status());
    }

    @Test
    void aDeclinedCardIsA402WithTheProcessorsReason() {
        CheckoutAnswer answer = CheckoutAnswer.of(order(OrderStatus.PENDING, payment(PaymentStatus.FAILED, "card_declined")), 201, CALLER, JSON);

        assertProblem(answer, CheckoutAnswer.Outcome.DECLINED, true, 402, "payment-declined");
        assertEquals("card_declined", answer.response().body().getString("reason"));
    }

    @Test
    void aProcessorThatStayedDownIsAStored503CountedAsAnError() {
        CheckoutAnswer answer = CheckoutAnswer.of(order(OrderStatus.PENDING, payment(PaymentStatus.FAILED, "processing_error")), 201, CALLER, JSON);

        assertProblem(answer, CheckoutAnswer.Outcome.ERROR, true, 503, "payment-unavailable");
    }

    @Test
    void anUndecidedAttemptIsA503ThatIsNotStored() {
        for (PaymentStatus undecided : List.of(PaymentStatus.PENDING, PaymentStatus.UNKNOWN)) {
            CheckoutAnswer answer = CheckoutAnswer.of(order(OrderStatus.PENDING, payment(undecided, null)), 201, CALLER, JSON);

            assertProblem(answer, CheckoutAnswer.Outcome.ERROR, false, 503, "payment-unavailable");
        }
    }

    @Test
    void anOrderCancelledMeanwhileIsAStored409WithTheReason() {
        OrderView cancelled = order(OrderStatus.CANCELLED, payment(PaymentStatus.UNKNOWN, null));
        CheckoutAnswer answer = CheckoutAnswer.of(cancelled, 201, CALLER, JSON);

        assertProblem(answer, CheckoutAnswer.Outcome.ERROR, true, 409, "order-cancelled");
        assertEquals("The order was cancelled: reservation_expired", answer.response().body().getString("detail"));
    }

    @Test
    void aShortageIsAStoredOutOfStockAnswer() {
        UUID product = UUID.randomUUID();
        CheckoutAnswer answer = CheckoutAnswer.refused(
                new OutOfStockException(List.of(new OutOfStockException.ShortLine(product, 2, 0))), CALLER, JSON);

        assertProblem(answer, CheckoutAnswer.Outcome.OUT_OF_STOCK, true, 409, "out-of-stock");
        JsonObject line = answer.response().body().getJsonArray("lines").getJsonObject(0);
        assertEquals(product.toString(), line.getString("productId"));
        assertEquals("out_of_stock", answer.outcome().tag());
    }

    private static void assertProblem(CheckoutAnswer answer, CheckoutAnswer.Outcome outcome, boolean isFinal, int status, String type) {
        assertEquals(outcome, answer.outcome());
        assertEquals(isFinal, answer.isFinal());
        assertEquals(status, answer.response().status());
        assertEquals(PROBLEMS + type, answer.response().body().getString("type"));
    }

    private static OrderView order(OrderStatus status, OrderView.PaymentSummary payment) {
        UUID address = UUID.randomUUID();
        Instant created = Instant.parse("2025-01-02T03:04:05Z");
        return new OrderView(UUID.randomUUID(), "ORD-1", CALLER.id(), status, List.of(), 1_000, 0, 0, 1_000, "USD",
                address, address, null, null, created, status.isPaid() ? created : null,
                status == OrderStatus.CANCELLED ? created : null, status == OrderStatus.CANCELLED ? "reservation_expired" : null, payment);
    }

    private static OrderView.PaymentSummary payment(PaymentStatus status, String failureReason) {
        return new OrderView.PaymentSummary(UUID.randomUUID(), status, 1_000, 0, 0, failureReason);
    }
}
