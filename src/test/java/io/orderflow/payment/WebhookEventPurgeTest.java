package io.orderflow.payment;

import io.orderflow.platform.Problem;
import io.orderflow.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The webhook-event purge job (retention 30 days, batches of 1000, the defaults). */
@QuarkusTest
class WebhookEventPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    WebhookEventPurge purge;

    @Inject
    WebhookSignature signature;

    @Test
    void anEventOlderThanTheRetentionIsDeleted() {
        String event = received("now() - interval '31 days'");

        purge.purge().await().atMost(WAIT);

        assertEquals(0, events(event));
    }

    @Test
    void anEventWithinTheRetentionIsKept() {
        String event = received("now() - interval '29 days'");

        purge.purge().await().atMost(WAIT);

        assertEquals(1, events(event));
    }

    /** The purged row no longer dedups it: what refuses the replay is its signature's age. */
    @Test
    void aReplayOfAPurgedEventIsRefusedForItsSignaturesAge() {
        String event = received("now() - interval '31 days'");
        purge.purge().await().atMost(WAIT);
        String body = "{\"id\": \"" + event + "\", \"type\": \"payment.succeeded\", \"data\": {\"idempotencyKey\": \"pay_"
                + UUID.randomUUID() + "\", \"chargeId\": \"ch_" + event + "\", \"amountCents\": 100}}";
        long signedAt = Instant.now().minus(Duration.ofDays(31)).getEpochSecond();

        given().header(WebhookSignature.HEADER, "t=" + signedAt + ",v1=" + signature.sign(signedAt, body))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/payments/webhook")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "invalid-signature"));

        assertEquals(0, events(event));
    }

    @Test
    void aBacklogLargerThanABatchIsDeletedInOneRun() {
        String prefix = "evt_backlog_" + UUID.randomUUID() + "_";
        Sql.update("INSERT INTO webhook_events (event_id, type, payload, received_at, processed_at)"
                + " SELECT ? || n, 'payment.succeeded', '{}', now() - interval '40 days', now() - interval '40 days'"
                + " FROM generate_series(1, 2500) AS n", prefix);

        purge.purge().await().atMost(WAIT);

        assertEquals(0, Sql.count("SELECT count(*) FROM webhook_events WHERE event_id LIKE ?", prefix + "%"));
    }

    private static String received(String at) {
        String event = "evt_" + UUID.randomUUID();
        Sql.update("INSERT INTO webhook_events (event_id, type, payload, received_at, processed_at)"
                + " VALUES (?, 'payment.succeeded', '{}', " + at + ", " + at + ")", event);
        return event;
    }

    private static long events(String event) {
        return Sql.count("SELECT count(*) FROM webhook_events WHERE event_id = ?", event);
    }
}
