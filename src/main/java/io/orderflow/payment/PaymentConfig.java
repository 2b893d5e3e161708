package io.orderflow.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/**
 * Payment's settings, under {@code orderflow.payment}. The webhook secret has no default here:
 * application.properties reads it from the environment (ORDERFLOW_WEBHOOK_SECRET), and production
 * does not start without it ({@link WebhookSettings}).
 */
@ConfigMapping(prefix = "orderflow.payment")
public interface PaymentConfig {

    /**
     * How long any gateway call is waited for; a charge that went unanswered is UNKNOWN until the
     * gateway is asked. 5 s: far above a processor's usual answer, short enough for a mobile client.
     */
    @WithDefault("5S")
    @DurationMin(millis = 1)
    Duration gatewayTimeout();

    /** How transient gateway failures are retried ({@link GatewayClient}), under the same gateway key. */
    Retry retry();

    /**
     * The HMAC secret of {@code POST /payments/webhook}; a secret, from the environment. Optional here so
     * that a missing one is named with every other missing setting ({@link WebhookSettings}).
     */
    Optional<String> webhookSecret();

    /**
     * The secret being retired during a rotation: events signed with it are still accepted until it is
     * removed. Rotate by moving the old value here, setting the new one, switching the gateway to the new
     * one, then dropping this. None by default (ORDERFLOW_WEBHOOK_PREVIOUS_SECRET).
     */
    Optional<String> webhookPreviousSecret();

    /**
     * How far a webhook's signed timestamp may be from now; older events are refused as replays.
     * 5 min: the usual tolerance of card processors' webhooks, allowing for clock skew and their retries.
     */
    @WithDefault("5M")
    @DurationMin(seconds = 1)
    Duration webhookTolerance();

    /** The job that deletes old webhook events ({@link WebhookEventPurge}). */
    @WithName("webhook-purge") // as refund-retry
    WebhookPurge webhookPurge();

    /** The job that settles attempts left PENDING or UNKNOWN by asking the gateway ({@link PaymentReconciler}). */
    Reconcile reconcile();

    /** The job that sends again the refunds the gateway did not answer ({@link RefundService}). */
    @WithName("refund-retry") // the same key without it; named so validation messages show the key
    RefundRetry refundRetry();

    /** The built-in sandbox gateway ({@link SandboxGateway}). */
    Sandbox sandbox();

    interface Retry {
        /** Retries after the first try; then the attempt fails. 3: rides out a blip without holding a checkout long. Zero disables retries. */
        @WithDefault("3")
        @PositiveOrZero
        int attempts();

        /** The first backoff; later ones grow exponentially, with jitter. 200 ms: a blip adds little to a checkout. */
        @WithDefault("200MS")
        @DurationMin(millis = 1)
        Duration initialBackoff();

        /** The longest backoff. 2 s: the retries of one call stay within a few seconds. */
        @WithDefault("2S")
        @DurationMin(millis = 1)
        Duration maxBackoff();
    }

    interface Reconcile {
        /** An attempt undecided for longer than this is settled by asking the gateway. 1 min: well past any checkout still running it. */
        @WithDefault("1M")
        @DurationMin(millis = 1)
        Duration staleAfter();

        /** How often the job runs (its {@code @Scheduled} reads this key). 30 s: a stale attempt waits at most that. */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration every();

        /** Attempts taken per run. 100 every 30 s: 200 a minute per instance. */
        @WithDefault("100")
        @Positive
        int batchSize();
    }

    interface RefundRetry {
        /** A PENDING refund this old is sent again (same gateway key). 30 s: past a call's timeout and retries. */
        @WithDefault("30S")
        @DurationMin(millis = 1)
        Duration after();

        /** How often the job runs (its {@code @Scheduled} reads this key). 30 s: as often as a refund becomes due. */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration every();

        /** Refunds taken per run. 100 every 30 s: 200 a minute per instance. */
        @WithDefault("100")
        @Positive
        int batchSize();
    }

    interface WebhookPurge {
        /**
         * How long a received event is kept. Its row is what makes a redelivery of the same event id
         * a no-op, so keep this far above webhook-tolerance (a captured request is refused after that
         * anyway) and above how long the gateway redelivers an event. 30 days: processors give up
         * redelivering within a few days.
         */
        @WithDefault("30D")
        @DurationMin(days = 1)
        Duration retention();

        /** How often the job runs (its {@code @Scheduled} reads this key). 1 h: the rows only take space. */
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration every();

        /** Events deleted per statement; a run repeats full batches. 1000: each DELETE stays short. */
        @WithDefault("1000")
        @Positive
        int batchSize();
    }

    interface Sandbox {
        /** A processor's network latency, added before each answer; the bench and fault drills raise it. 0: tests run fast. */
        @WithDefault("0ms")
        @DurationMin(millis = 0)
        Duration latency();
    }
}
