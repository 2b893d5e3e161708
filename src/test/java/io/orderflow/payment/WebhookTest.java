package io.orderflow.payment;

import io.orderflow.platform.Problem;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WebhookTest {

    private static final String INVALID_SIGNATURE = PROBLEMS + "invalid-signature";

    @Inject
    WebhookSignature signature;

    private static final String UNCONFIRMED = PROBLEMS + "webhook-unconfirmed";

    @Test
    void aSucceededEventConfirmsAnOrderTheSynchronousPathGaveUpOn() {
        Order order = unpaidOrder();
        String charge = capturedLater(order, 100);
        String event = event(UUID.randomUUID().toString(), "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"" + charge + "\", \"amountCents\": 100");

        post(event, Instant.now().getEpochSecond()).then().statusCode(200).body("duplicate", equalTo(false));

        assertEquals("confirmed", Checkouts.status(order.id));
        assertEquals("succeeded|" + charge, Sql.value("SELECT status || '|' || gateway_charge_id FROM payments WHERE order_id = ?::uuid", order.id));
        assertEquals("4|0|4", TestProducts.levels(order.product));
        Invariants.assertHold();
    }

    @Test
    void aForgedSucceededEventForAChargeTheGatewayNeverMadeChangesNothing() {
        Order order = unpaidOrder();
        String eventId = UUID.randomUUID().toString();
        String event = event(eventId, "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"ch_forged" + eventId + "\", \"amountCents\": 100");

        post(event, Instant.now().getEpochSecond()).then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(UNCONFIRMED));

        assertEquals("pending", Checkouts.status(order.id));
        assertEquals("failed", Sql.value("SELECT status FROM payments WHERE order_id = ?::uuid", order.id));
        assertEquals(0, Sql.count("SELECT count(*) FROM webhook_events WHERE event_id = ?", eventId));
        assertEquals("5|1|4", TestProducts.levels(order.product));
        Invariants.assertHold();
    }

    @Test
    void aSucceededEventTakesTheGatewaysChargeIdNotTheEvents() {
        Order order = unpaidOrder();
        String charge = capturedLater(order, 100);
        String event = event(UUID.randomUUID().toString(), "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"ch_somebody_elses\", \"amountCents\": 100");

        post(event, Instant.now().getEpochSecond()).then().statusCode(200);

        assertEquals(charge, Sql.value("SELECT gateway_charge_id FROM payments WHERE order_id = ?::uuid", order.id));
    }

    @Test
    void aForgedRefundedEventChangesNothing() {
        String order = paidOrder();
        String charge = Sql.value("SELECT gateway_charge_id FROM payments WHERE order_id = ?::uuid", order);
        String event = event(UUID.randomUUID().toString(), "payment.refunded",
                "\"chargeId\": \"" + charge + "\", \"amountCents\": 900, \"refundId\": \"re_forged" + UUID.randomUUID() + "\"");

        post(event, Instant.now().getEpochSecond()).then().statusCode(422).body("type", equalTo(UNCONFIRMED));

        assertEquals("0|succeeded", Sql.value("SELECT amount_refunded_cents || '|' || status FROM payments WHERE order_id = ?::uuid", order));
        Invariants.assertHold();
    }

    @Test
    void aForgedFailedEventForACapturedChargeChangesNothing() {
        Order order = unpaidOrder();
        capturedLater(order, 100);
        Sql.update("UPDATE payments SET status = 'unknown', failure_reason = NULL, failed_at = NULL WHERE order_id = ?::uuid", order.id);
        String event = event(UUID.randomUUID().toString(), "payment.failed",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"reason\": \"card_declined\"");

        post(event, Instant.now().getEpochSecond()).then().statusCode(422).body("type", equalTo(UNCONFIRMED));

        assertEquals("unknown", Sql.value("SELECT status FROM payments WHERE order_id = ?::uuid", order.id));
    }

    @Test
    void anEventSignedWithThePreviousSecretIsAcceptedDuringARollover() {
        Order order = unpaidOrder();
        String charge = capturedLater(order, 100);
        String event = event(UUID.randomUUID().toString(), "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"" + charge + "\", \"amountCents\": 100");
        long now = Instant.now().getEpochSecond();
        byte[] previous = ConfigProvider.getConfig().getValue("orderflow.payment.webhook-previous-secret", String.class)
                .getBytes(StandardCharsets.UTF_8);

        given().header(WebhookSignature.HEADER, "t=" + now + ",v1=" + WebhookSigning.sign(previous, now, event))
                .contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/payments/webhook")
                .then().statusCode(200);

        assertEquals("confirmed", Checkouts.status(order.id));
    }

    @Test
    void anEventSignedWithAnUnknownSecretAnswers400() {
        Order order = unpaidOrder();
        String charge = capturedLater(order, 100);
        String event = event(UUID.randomUUID().toString(), "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"" + charge + "\", \"amountCents\": 100");
        long now = Instant.now().getEpochSecond();

        given().header(WebhookSignature.HEADER, "t=" + now + ",v1=" + WebhookSigning.sign("not-our-secret".getBytes(StandardCharsets.UTF_8), now, event))
                .contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/payments/webhook")
                .then().statusCode(400).body("type", equalTo(INVALID_SIGNATURE));

        assertEquals("pending", Checkouts.status(order.id));
    }

    @Test
    void aRefundedEventRecordsTheRefund() {
        String order = paidOrder();
        String event = refundedEvent(order, 250);

        post(event, Instant.now().getEpochSecond()).then().statusCode(200);

        assertEquals("250|succeeded", Sql.value("SELECT amount_refunded_cents || '|' || status FROM payments WHERE order_id = ?::uuid", order));
        Invariants.assertHold();
    }

    @Test
    void aRepeatedEventIdIsAcknowledgedAndIgnored() {
        String order = paidOrder();
        String event = refundedEvent(order, 100);
        post(event, Instant.now().getEpochSecond()).then().statusCode(200);

        post(event, Instant.now().getEpochSecond()).then().statusCode(200).body("duplicate", equalTo(true));

        assertEquals("100", Sql.value("SELECT amount_refunded_cents FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void aWrongSignatureAnswers400AndChangesNothing() {
        Order order = unpaidOrder();
        String eventId = UUID.randomUUID().toString();
        String event = event(eventId, "payment.succeeded", "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"ch_x" + eventId + "\"");
        long now = Instant.now().getEpochSecond();

        given().header(WebhookSignature.HEADER, "t=" + now + ",v1=" + signature.sign(now, event.replace("succeeded", "failed")))
                .contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/payments/webhook")
                .then().statusCode(400).body("type", equalTo(INVALID_SIGNATURE));

        assertEquals("pending", Checkouts.status(order.id));
        assertEquals(0, Sql.count("SELECT count(*) FROM webhook_events WHERE event_id = ?", eventId));
    }

    @Test
    void aStaleSignatureAnswers400() {
        Order order = unpaidOrder();
        String event = event(UUID.randomUUID().toString(), "payment.succeeded",
                "\"idempotencyKey\": \"" + order.gatewayKey + "\", \"chargeId\": \"ch_" + UUID.randomUUID() + "\"");

        post(event, Instant.now().minusSeconds(301).getEpochSecond()).then().statusCode(400).body("type", equalTo(INVALID_SIGNATURE));

        assertEquals("pending", Checkouts.status(order.id));
    }

    @Test
    void aMissingSignatureAnswers400() {
        given().contentType(ContentType.JSON).body(event(UUID.randomUUID().toString(), "payment.failed", "\"reason\": \"x\""))
                .when().post("/api/v1/payments/webhook")
                .then().statusCode(400).body("type", equalTo(INVALID_SIGNATURE));
    }

    private record Order(String id, String gatewayKey, UUID product) {
    }

    /** A PENDING order whose attempt failed with processing_error: the gateway may still decide later. */
    private static Order unpaidOrder() {
        Account owner = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        String order = Checkouts.buy(owner, product, 1, Checkouts.processingErrorCard(owner)).path("orderId");
        return new Order(order, Sql.value("SELECT gateway_idempotency_key FROM payments WHERE order_id = ?::uuid", order), product);
    }

    /** A CONFIRMED order of one unit at 900 cents. */
    private static String paidOrder() {
        return Checkouts.paid(TestAccounts.customer(), TestProducts.stocked(5, 900), 1);
    }

    /** The processor captured the order's attempt after all (its ledger shows the charge); returns the charge id. */
    private static String capturedLater(Order order, long amountCents) {
        String charge = "ch_later" + UUID.randomUUID().toString().replace("-", "");
        Sql.update("INSERT INTO sandbox_gateway_operations (idempotency_key, kind, charge_id, outcome, amount_cents, currency)"
                + " VALUES (?, 'charge', ?, 'succeeded', ?, 'USD')", order.gatewayKey, charge, amountCents);
        return charge;
    }

    /** A new event refunding {@code amountCents} of the order's charge, a refund made at the gateway (its dashboard). */
    private static String refundedEvent(String order, long amountCents) {
        String charge = Sql.value("SELECT gateway_charge_id FROM payments WHERE order_id = ?::uuid", order);
        String refund = "re_" + UUID.randomUUID().toString().replace("-", "");
        Sql.update("INSERT INTO sandbox_gateway_operations (idempotency_key, kind, charge_id, refund_id, outcome, amount_cents, currency)"
                + " VALUES (?, 'refund', ?, ?, 'succeeded', ?, 'USD')", "dashboard_" + refund, charge, refund, amountCents);
        return event(UUID.randomUUID().toString(), "payment.refunded",
                "\"chargeId\": \"" + charge + "\", \"amountCents\": " + amountCents + ", \"refundId\": \"" + refund + "\"");
    }

    private static String event(String id, String type, String data) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"data\": {" + data + "}}";
    }

    private Response post(String body, long timestamp) {
        return given().header(WebhookSignature.HEADER, "t=" + timestamp + ",v1=" + signature.sign(timestamp, body))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/payments/webhook");
    }
}
