package io.orderflow.payment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderflow.payment.PaymentGateway.ChargeRequest;
import io.orderflow.payment.PaymentGateway.ChargeResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Charges a payment through the gateway, outside any database transaction. Transient gateway
 * failures are retried with exponential backoff under the payment's own idempotency key, so a
 * retry can never charge twice; when the retries run out, {@link GatewayUnavailableException} propagates.
 */
@ApplicationScoped
public class PaymentCharger {

    private final PaymentGateway gateway;
    private final MeterRegistry metrics;
    private final Timer latency;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int retries;

    PaymentCharger(PaymentGateway gateway, MeterRegistry metrics,
                   @ConfigProperty(name = "orderflow.payment.retry.initial-backoff") Duration initialBackoff,
                   @ConfigProperty(name = "orderflow.payment.retry.max-backoff") Duration maxBackoff,
                   @ConfigProperty(name = "orderflow.payment.retry.attempts") int retries) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.latency = Timer.builder("orderflow.payment.latency").description("Time of one gateway charge call").register(metrics);
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retries = retries;
    }

    public Uni<ChargeResult> charge(Payments.Payment payment, String paymentMethodRef) {
        ChargeRequest request = new ChargeRequest(payment.gatewayIdempotencyKey(), paymentMethodRef,
                payment.amountCents(), payment.currency());
        return Uni.createFrom().deferred(() -> timed(request))
                .onFailure(GatewayUnavailableException.class).retry()
                .withBackOff(initialBackoff, maxBackoff).atMost(retries)
                .invoke(result -> count(result.succeeded() ? "succeeded" : "declined"))
                .onFailure(GatewayUnavailableException.class).invoke(() -> count("unavailable"));
    }

    private Uni<ChargeResult> timed(ChargeRequest request) {
        Timer.Sample sample = Timer.start(metrics);
        return gateway.charge(request).onTermination().invoke(() -> sample.stop(latency));
    }

    private void count(String outcome) {
        metrics.counter("orderflow.payments", "outcome", outcome).increment();
    }
}
