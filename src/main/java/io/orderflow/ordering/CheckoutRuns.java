package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.platform.DomainException;
import io.orderflow.platform.ServiceUnavailableException;
import io.orderflow.platform.TransientFailures;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The claim and answer steps around a checkout run (docs/architecture.md), the same for a new order,
 * another payment attempt and a stranded run: the Idempotency-Key is claimed or replays what it holds;
 * a step that fails on a transient database or Redis error is run again from what was committed (the
 * order the key is linked to, its attempt in flight), with bounded backoff; the final answer is stored
 * with the key, and a run that ends without one gives the key back.
 */
@ApplicationScoped
class CheckoutRuns {

    private static final Logger LOG = Logger.getLogger(CheckoutRuns.class);

    private final Pool db;
    private final IdempotencyKeys keys;
    private final Orders orders;
    private final CheckoutCharge charge;
    private final ObjectMapper json;
    private final CheckoutConfig config;

    CheckoutRuns(Pool db, IdempotencyKeys keys, Orders orders, CheckoutCharge charge, ObjectMapper json, CheckoutConfig config) {
        this.db = db;
        this.keys = keys;
        this.orders = orders;
        this.charge = charge;
        this.json = json;
        this.config = config;
    }

    /**
     * The claim step: replays what the key holds, or runs the request under it. What can't finish within
     * the time budget answers 503 with Retry-After, and the key stays resumable.
     */
    Uni<CheckoutResponse> claimThenRun(Caller caller, String scope, String idempotencyKey, String requestHash,
                                       Function<IdempotencyKeys.Claim, Uni<CheckoutResponse>> run) {
        return absorbingTransientFailures(() -> keys.claim(caller.id(), scope, idempotencyKey, requestHash))
                .chain(claim -> claim.isReplay() ? Uni.createFrom().item(claim.replay()) : run.apply(claim))
                .onFailure(TransientFailures::isTransient).transform(CheckoutRuns::unavailable);
    }

    /** True when the key holds no record. Should the database not answer, false: the claim step then retries or answers 503. */
    Uni<Boolean> keyUnused(Caller caller, String scope, String idempotencyKey) {
        return keys.isUnused(caller.id(), scope, idempotencyKey).onFailure(TransientFailures::isTransient).recoverWithItem(false);
    }

    /** The answer to a request refused before its key was claimed; it is sent, not stored. */
    CheckoutAnswer unstoredRefusal(DomainException refusal, Caller caller) {
        return CheckoutAnswer.refused(refusal, caller, json);
    }

    /**
     * Runs the claimed request and stores its final answer. A transient failure runs it again from
     * what was committed; a failure that is not an answer (validation, the time budget spent) gives
     * the key back so the client can retry, and an answer that may still change (a charge whose
     * outcome is unknown) is sent without being stored.
     */
    Uni<CheckoutAnswer> run(IdempotencyKeys.Claim claim, Caller caller, int successStatus, Supplier<Uni<UUID>> firstRun) {
        AtomicBoolean started = new AtomicBoolean();
        Supplier<Uni<UUID>> run = () -> !started.getAndSet(true) && claim.orderId() == null
                ? firstRun.get()
                : keys.linkedOrder(claim.id()).chain(order -> order.isPresent() ? charge.resume(order.get(), caller.actor()) : firstRun.get());
        return absorbingTransientFailures(() -> run.get().chain(orderId -> orders.find(db, orderId)))
                .map(order -> CheckoutAnswer.of(order.orElseThrow(), successStatus, caller, json))
                .onFailure(OutOfStockException.class).recoverWithItem(e -> CheckoutAnswer.refused((DomainException) e, caller, json))
                .call(answer -> answer.isFinal()
                        ? absorbingTransientFailures(() -> keys.complete(claim.id(), answer.response()))
                        : keys.release(claim.id()))
                .onFailure().call(() -> keys.release(claim.id()));
    }

    /** Runs the step again on a transient failure, with bounded backoff, for at most the configured budget. */
    private <T> Uni<T> absorbingTransientFailures(Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(step::get)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.transientRetry().initialBackoff(), config.transientRetry().maxBackoff())
                .expireIn(config.transientRetry().budget().toMillis());
    }

    private static ServiceUnavailableException unavailable(Throwable failure) {
        LOG.warnf("Checkout could not finish (%s); answering 503, the key stays resumable", failure.toString());
        return new ServiceUnavailableException("The order could not be completed now; retry the same request with the same Idempotency-Key");
    }
}
