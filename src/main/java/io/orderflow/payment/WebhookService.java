package io.orderflow.payment;

import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Applies gateway events once each: the event id is recorded, handled with the same conditional
 * state changes as the synchronous path, then marked processed. A failed handling leaves it
 * unprocessed, so the gateway's redelivery is handled again rather than ignored.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    static final String RECORD = """
            INSERT INTO webhook_events (event_id, type, payload) VALUES ($1, $2, $3)
            ON CONFLICT (event_id) DO NOTHING""";

    static final String PROCESSED = """
            SELECT processed_at IS NOT NULL AS processed FROM webhook_events WHERE event_id = $1""";

    static final String MARK_PROCESSED = """
            UPDATE webhook_events SET processed_at = now() WHERE event_id = $1 AND processed_at IS NULL""";

    private final Pool db;
    private final Payments payments;
    private final Refunds refunds;
    private final PaymentOutcomes settlement;

    WebhookService(Pool db, Payments payments, Refunds refunds, PaymentOutcomes settlement) {
        this.db = db;
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
    }

    /** Emits false when the event was already processed. */
    public Uni<Boolean> handle(WebhookEvent event, String body, Actor actor) {
        return db.preparedQuery(RECORD).execute(Tuple.of(event.id(), event.type(), new JsonObject(body)))
                .chain(() -> db.preparedQuery(PROCESSED).execute(Tuple.of(event.id())))
                .map(rows -> rows.iterator().next().getBoolean("processed"))
                .chain(processed -> processed
                        ? Uni.createFrom().item(false)
                        : apply(event, actor)
                                .chain(() -> db.preparedQuery(MARK_PROCESSED).execute(Tuple.of(event.id())))
                                .map(rows -> rows.rowCount() == 1));
    }

    private Uni<Void> apply(WebhookEvent event, Actor actor) {
        WebhookEvent.Data data = event.data();
        return switch (event.type()) {
            case "payment.succeeded" -> byKey(data.idempotencyKey()).chain(payment -> payment.isEmpty() ? ignored(event)
                    : settlement.succeeded(payment.get().id(), data.chargeId(), actor));
            case "payment.failed" -> byKey(data.idempotencyKey()).chain(payment -> payment.isEmpty() ? ignored(event)
                    : settlement.failed(payment.get().id(), data.reason() == null ? PaymentFailure.DECLINED.value() : data.reason(), actor));
            case "payment.refunded" -> refunded(event, actor);
            default -> ignored(event);
        };
    }

    /**
     * A refund made at the gateway (e.g. from its dashboard); our own refunds come back as known ids
     * and change nothing. Recorded under the payment's lock, and only when it fits what is left.
     */
    private Uni<Void> refunded(WebhookEvent event, Actor actor) {
        WebhookEvent.Data data = event.data();
        if (data.chargeId() == null || data.refundId() == null || data.amountCents() == null || data.amountCents() <= 0) {
            return ignored(event);
        }
        return payments.byCharge(db, data.chargeId()).chain(found -> found.isEmpty() ? ignored(event)
                : db.withTransaction(tx -> payments.lock(tx, found.get().id()).chain(payment -> refunds.known(tx, data.refundId())
                        .chain(known -> {
                            if (known) {
                                return Uni.createFrom().voidItem();
                            }
                            if (payment.status() != PaymentStatus.SUCCEEDED || data.amountCents() > payment.refundable()) {
                                LOG.warnf("Refund %s of charge %s does not fit the payment; not recorded", data.refundId(), data.chargeId());
                                return Uni.createFrom().voidItem();
                            }
                            return refunds.recordMadeAtGateway(tx, payment, data.amountCents(), data.refundId(), actor);
                        }))));
    }

    private Uni<Optional<Payments.Payment>> byKey(String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().item(Optional.empty()) : payments.byGatewayKey(db, idempotencyKey);
    }

    private static Uni<Void> ignored(WebhookEvent event) {
        LOG.infof("Webhook event %s (%s) names no payment of ours; acknowledged", event.id(), event.type());
        return Uni.createFrom().voidItem();
    }
}
