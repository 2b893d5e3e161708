package io.orderflow.payment;

import io.orderflow.platform.Actor;
import io.orderflow.platform.ServiceUnavailableException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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
    private final GatewayClient gateway;

    WebhookService(Pool db, Payments payments, Refunds refunds, PaymentOutcomes settlement, GatewayClient gateway) {
        this.gateway = gateway;
        this.db = db;
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
    }

    /**
     * Emits false when the event was already processed. An event is acted on only as the gateway
     * confirms it ({@link #confirmed}); one it does not confirm fails with 422 webhook-unconfirmed and
     * is not recorded, so a forged event changes nothing and a genuine one sent again is still applied.
     */
    public Uni<Boolean> handle(WebhookEvent event, String body, Actor actor) {
        return processed(event.id()).chain(done -> done
                ? Uni.createFrom().item(false)
                : confirmed(event, actor).chain(action -> db.preparedQuery(RECORD).execute(Tuple.of(event.id(), event.type(), new JsonObject(body)))
                        .chain(() -> processed(event.id()))
                        .chain(processed -> processed
                                ? Uni.createFrom().item(false)
                                : action.get()
                                        .chain(() -> db.preparedQuery(MARK_PROCESSED).execute(Tuple.of(event.id())))
                                        .map(rows -> rows.rowCount() == 1))));
    }

    private Uni<Boolean> processed(String eventId) {
        return db.preparedQuery(PROCESSED).execute(Tuple.of(eventId))
                .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean("processed"));
    }

    /**
     * What the event may do, once the gateway confirms it: a succeeded event needs a succeeded charge
     * under the payment's key (its charge id is the gateway's, not the event's), a failed event a
     * charge that did not succeed, a refunded event a refund the gateway made of that charge, for that
     * amount. Events naming no payment of ours change nothing and need no confirmation.
     */
    private Uni<Supplier<Uni<Void>>> confirmed(WebhookEvent event, Actor actor) {
        WebhookEvent.Data data = event.data();
        return switch (event.type()) {
            case "payment.succeeded" -> byKey(data.idempotencyKey()).chain(payment -> payment.isEmpty() ? ignored(event)
                    : charge(payment.get()).map(charge -> {
                        if (charge.isEmpty() || !charge.get().succeeded()) {
                            throw unconfirmed(event, "the gateway has no successful charge under this payment's key");
                        }
                        return () -> settlement.succeeded(payment.get().id(), charge.get().chargeId(), actor);
                    }));
            case "payment.failed" -> byKey(data.idempotencyKey()).chain(payment -> payment.isEmpty() ? ignored(event)
                    : charge(payment.get()).map(charge -> {
                        if (charge.isEmpty() || charge.get().succeeded()) {
                            throw unconfirmed(event, "the gateway has no declined charge under this payment's key");
                        }
                        String reason = charge.get().declineReason() == null ? PaymentFailure.DECLINED.value() : charge.get().declineReason();
                        return () -> settlement.failed(payment.get().id(), reason, actor);
                    }));
            case "payment.refunded" -> refundConfirmed(event, actor);
            default -> ignored(event);
        };
    }

    private Uni<Supplier<Uni<Void>>> refundConfirmed(WebhookEvent event, Actor actor) {
        WebhookEvent.Data data = event.data();
        if (data.chargeId() == null || data.refundId() == null || data.amountCents() == null || data.amountCents() <= 0) {
            return ignored(event);
        }
        return payments.byCharge(db, data.chargeId()).chain(payment -> payment.isEmpty() ? ignored(event)
                : gateway.findRefund(data.refundId())
                        .onFailure(GatewayUnavailableException.class).transform(WebhookService::cannotConfirm)
                        .map(refund -> {
                            if (refund.isEmpty() || !refund.get().chargeId().equals(data.chargeId())
                                    || refund.get().amountCents() != data.amountCents()) {
                                throw unconfirmed(event, "the gateway made no such refund of this charge");
                            }
                            return () -> refunded(payment.get().id(), data.refundId(), refund.get().amountCents(), actor);
                        }));
    }

    private Uni<Optional<PaymentGateway.ChargeResult>> charge(Payments.Payment payment) {
        return gateway.findCharge(payment.gatewayIdempotencyKey())
                .onFailure(GatewayUnavailableException.class).transform(WebhookService::cannotConfirm);
    }

    /**
     * A refund made at the gateway (e.g. from its dashboard); our own refunds come back as known ids
     * and change nothing. Recorded under the payment's lock, and only when it fits what is left.
     */
    private Uni<Void> refunded(UUID paymentId, String refundId, long amountCents, Actor actor) {
        return db.withTransaction(tx -> payments.lock(tx, paymentId).chain(payment -> refunds.known(tx, refundId)
                .chain(known -> {
                    if (known) {
                        return Uni.createFrom().voidItem();
                    }
                    if (payment.status() != PaymentStatus.SUCCEEDED || amountCents > payment.refundable()) {
                        LOG.warnf("Refund %s of charge %s does not fit the payment; not recorded", refundId, payment.gatewayChargeId());
                        return Uni.createFrom().voidItem();
                    }
                    return refunds.recordMadeAtGateway(tx, payment, amountCents, refundId, actor);
                })));
    }

    private Uni<Optional<Payments.Payment>> byKey(String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().item(Optional.empty()) : payments.byGatewayKey(db, idempotencyKey);
    }

    private static Uni<Supplier<Uni<Void>>> ignored(WebhookEvent event) {
        Supplier<Uni<Void>> acknowledge = () -> {
            LOG.infof("Webhook event %s (%s) names no payment of ours; acknowledged", event.id(), event.type());
            return Uni.createFrom().voidItem();
        };
        return Uni.createFrom().item(() -> acknowledge);
    }

    private static UnprocessableException unconfirmed(WebhookEvent event, String why) {
        LOG.warnf("Webhook event %s (%s) not confirmed by the gateway: %s; nothing changed", event.id(), event.type(), why);
        return new UnprocessableException("webhook-unconfirmed", "The gateway does not confirm this event (" + why + "); nothing was changed");
    }

    private static ServiceUnavailableException cannotConfirm(Throwable failure) {
        return new ServiceUnavailableException("The payment processor could not confirm the event now; nothing was changed, send it again");
    }
}
