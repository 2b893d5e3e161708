package io.orderflow.payment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderflow.identity.CardTokens;
import io.orderflow.payment.PaymentGateway.ChargeRequest;
import io.orderflow.payment.PaymentGateway.ChargeResult;
import io.orderflow.payment.PaymentGateway.RefundRequest;
import io.orderflow.payment.PaymentGateway.RefundResult;
import io.orderflow.platform.EnumNames;
import io.orderflow.platform.ServiceUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * How the application calls the gateway: every call is bounded by a timeout, and calls that move
 * money are retried with exponential backoff under their own idempotency key, so a retry can
 * never charge or refund twice. A charge or refund that failed before the processor acted ends in
 * {@link GatewayUnavailableException}; one that went unanswered at least once ends in
 * {@link GatewayTimeoutException}: its outcome is unknown and only asking the gateway settles it.
 */
@ApplicationScoped
public class GatewayClient implements CardTokens {

    /** The {@code outcome} tag of {@code orderflow.payments} (docs/operations.md lists it). */
    private enum ChargeOutcome { SUCCEEDED, DECLINED, UNAVAILABLE, UNKNOWN }

    private final PaymentGateway gateway;
    private final MeterRegistry metrics;
    private final Timer latency;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int retries;

    GatewayClient(PaymentGateway gateway, MeterRegistry metrics, PaymentConfig config) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.latency = Timer.builder("orderflow.payment.latency").description("Time of one gateway charge call").register(metrics);
        this.timeout = config.gatewayTimeout();
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
        this.retries = config.retry().attempts();
    }

    /** Exchanges a client-side card token for a stored reference; a gateway that does not answer in time fails it (503). */
    @Override
    public Uni<CardTokens.Card> resolveToken(String token) {
        return bounded(gateway.resolveToken(token))
                .onFailure(failure -> failure instanceof GatewayTimeoutException || failure instanceof GatewayUnavailableException)
                .transform(failure -> new ServiceUnavailableException("The payment processor did not answer; retry shortly"));
    }

    public Uni<ChargeResult> charge(Payments.Payment payment, String paymentMethodRef) {
        ChargeRequest request = new ChargeRequest(payment.gatewayIdempotencyKey(), paymentMethodRef,
                payment.amountCents(), payment.currency());
        return retried(() -> timed(request))
                .invoke(result -> count(result.succeeded() ? ChargeOutcome.SUCCEEDED : ChargeOutcome.DECLINED))
                .onFailure(GatewayUnavailableException.class).invoke(() -> count(ChargeOutcome.UNAVAILABLE))
                .onFailure(GatewayTimeoutException.class).invoke(() -> count(ChargeOutcome.UNKNOWN));
    }

    public Uni<RefundResult> refund(RefundRequest request) {
        return retried(() -> gateway.refund(request));
    }

    /** What became of the charge sent under this key; fails with {@link GatewayUnavailableException} when the gateway can't tell now. */
    public Uni<Optional<ChargeResult>> findCharge(String idempotencyKey) {
        return bounded(gateway.findCharge(idempotencyKey))
                .onFailure(GatewayTimeoutException.class).transform(e -> new GatewayUnavailableException(e.getMessage()));
    }

    /** The refund the gateway made under this id; fails with {@link GatewayUnavailableException} when the gateway can't tell now. */
    public Uni<Optional<PaymentGateway.RefundFound>> findRefund(String refundId) {
        return bounded(gateway.findRefund(refundId))
                .onFailure(GatewayTimeoutException.class).transform(e -> new GatewayUnavailableException(e.getMessage()));
    }

    private <T> Uni<T> retried(Supplier<Uni<T>> call) {
        AtomicBoolean unanswered = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> bounded(call.get()))
                .onFailure(GatewayTimeoutException.class).invoke(() -> unanswered.set(true))
                .onFailure(failure -> failure instanceof GatewayUnavailableException || failure instanceof GatewayTimeoutException)
                .retry().withBackOff(initialBackoff, maxBackoff).atMost(retries)
                .onFailure(GatewayUnavailableException.class)
                .transform(failure -> unanswered.get() ? new GatewayTimeoutException("an earlier try went unanswered") : failure);
    }

    private <T> Uni<T> bounded(Uni<T> call) {
        return call.ifNoItem().after(timeout).failWith(() -> new GatewayTimeoutException("no answer within " + timeout));
    }

    private Uni<ChargeResult> timed(ChargeRequest request) {
        Timer.Sample sample = Timer.start(metrics);
        return gateway.charge(request).onTermination().invoke(() -> sample.stop(latency));
    }

    private void count(ChargeOutcome outcome) {
        metrics.counter("orderflow.payments", "outcome", EnumNames.lowercase(outcome)).increment();
    }
}
