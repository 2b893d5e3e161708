package io.orderflow.payment;

import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.ScheduledWork;
import io.orderflow.platform.UnprocessableException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Refunds, intent before money: {@link #request} records a PENDING refund inside the caller's
 * transaction (which holds the order's row lock, so concurrent refunds, cancels and shipments of
 * one order queue up and each sees what the last one left refundable); after the commit
 * {@link #execute} asks the gateway under the refund's own key and records its answer. A refund the
 * gateway could not answer stays pending and a scheduled job sends it again.
 */
@ApplicationScoped
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class);

    private final Pool db;
    private final Payments payments;
    private final Refunds refunds;
    private final GatewayClient gateway;
    private final ScheduledWork work;
    private final Duration retryAfter;
    private final int batchSize;

    RefundService(Pool db, Payments payments, Refunds refunds, GatewayClient gateway, ScheduledWork work,
                  PaymentConfig config) {
        this.db = db;
        this.payments = payments;
        this.refunds = refunds;
        this.gateway = gateway;
        this.work = work;
        this.retryAfter = config.refundRetry().after();
        this.batchSize = config.refundRetry().batchSize();
    }

    /**
     * Records a refund of {@code amountCents} of the order's capture as {@code refundId}; the caller's
     * transaction must hold the order's row lock. Recording the same {@code refundId} again (a
     * retried request) changes nothing.
     */
    public Uni<Void> request(SqlClient tx, UUID orderId, UUID refundId, long amountCents, String reason, Actor actor) {
        return refunds.byId(tx, refundId).chain(existing -> existing.isPresent() ? Uni.createFrom().voidItem()
                : capturedOf(tx, orderId).chain(payment -> {
                    if (amountCents > payment.refundable()) {
                        throw new UnprocessableException("refund-exceeds-captured",
                                "At most " + payment.refundable() + " cents of this payment can still be refunded");
                    }
                    return refunds.insertPending(tx, refundId, payment, amountCents, reason, actor);
                }));
    }

    /**
     * Records a refund of whatever is left of the order's capture (a cancellation); the caller's
     * transaction must hold the order's row lock. Emits the refund's id, or empty when nothing is left.
     */
    public Uni<Optional<UUID>> requestRest(SqlClient tx, UUID orderId, String reason, Actor actor) {
        return requestUpTo(tx, orderId, Long.MAX_VALUE, reason, actor);
    }

    /**
     * Records a refund of {@code amountCents}, or of what is left of the capture when that is less (staff refunded
     * part of it by hand before); the caller's transaction must hold the order's row lock. Emits the refund's id, or
     * empty when nothing is left.
     */
    public Uni<Optional<UUID>> requestUpTo(SqlClient tx, UUID orderId, long amountCents, String reason, Actor actor) {
        return capturedOf(tx, orderId).chain(payment -> {
            long amount = Math.min(amountCents, payment.refundable());
            if (amount == 0) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            UUID refundId = UUID.randomUUID();
            return refunds.insertPending(tx, refundId, payment, amount, reason, actor).replaceWith(Optional.of(refundId));
        });
    }

    /** Records the refund of a whole late capture; the caller's transaction holds the payment's lock. */
    public Uni<UUID> requestFull(SqlClient tx, Payments.Payment payment, String reason, Actor actor) {
        UUID refundId = UUID.randomUUID();
        return refunds.insertPending(tx, refundId, payment, payment.amountCents(), reason, actor).replaceWith(refundId);
    }

    /**
     * Sends a pending refund to the gateway and records its answer. When the gateway can't answer
     * now the refund stays pending for {@link #retryPending}; a refund no longer pending is left alone.
     */
    public Uni<Void> execute(UUID refundId, Actor actor) {
        return refunds.byId(db, refundId).map(Optional::orElseThrow).chain(refund -> refund.status() != RefundStatus.PENDING
                ? Uni.createFrom().voidItem()
                : gateway.refund(new PaymentGateway.RefundRequest(refund.gatewayIdempotencyKey(), refund.chargeId(), refund.amountCents()))
                        .chain(result -> db.withTransaction(tx -> result.succeeded()
                                ? refunds.complete(tx, refundId, result.refundId(), actor)
                                : refused(tx, refund, result.failureReason(), actor)))
                        .onFailure(failure -> failure instanceof GatewayUnavailableException || failure instanceof GatewayTimeoutException)
                        .recoverWithUni(failure -> {
                            LOG.warnf("Refund %s not answered by the gateway (%s); it stays pending and is sent again", refundId, failure.getMessage());
                            return Uni.createFrom().voidItem();
                        }));
    }

    /** Sends again the refunds left pending by a gateway that did not answer or an instance that stopped. */
    @Scheduled(identity = "refund-retry", every = "${orderflow.payment.refund-retry.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retryPending() {
        return work.eachItem("refund-retry", () -> refunds.leasePending(db, retryAfter, batchSize, retryAfter.multipliedBy(2)),
                id -> execute(id, Actor.SYSTEM));
    }

    /** Money the customer is owed stays with us: loud in the log, FAILED with the reason for staff to act on. */
    private Uni<Void> refused(SqlClient tx, Refunds.Refund refund, String reason, Actor actor) {
        LOG.errorf("The gateway refused refund %s of %d cents of charge %s (%s); it is FAILED and needs staff attention",
                refund.id(), refund.amountCents(), refund.chargeId(), reason);
        return refunds.fail(tx, refund.id(), reason, actor);
    }

    private Uni<Payments.Payment> capturedOf(SqlClient tx, UUID orderId) {
        return payments.capturedOf(tx, orderId).map(found -> found.orElseThrow(() ->
                new ConflictException("not-captured", "The order has no captured payment to refund")));
    }
}
