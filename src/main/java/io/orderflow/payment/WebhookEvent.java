package io.orderflow.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A gateway event as posted to the webhook. */
@Schema(name = "PaymentWebhookEvent", description = "Signed with Orderflow-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">")
public record WebhookEvent(
        @Schema(description = "Unique per event; a repeated id is acknowledged and ignored") @NotBlank @Size(max = 255) String id,
        @Schema(enumeration = {"payment.succeeded", "payment.failed", "payment.refunded"}) @NotBlank @Size(max = 100) String type,
        @Valid @NotNull Data data) {

    /**
     * The charge concerned. succeeded: idempotencyKey and chargeId; failed: idempotencyKey and reason;
     * refunded: chargeId, amountCents and refundId.
     */
    @Schema(name = "PaymentWebhookEventData")
    public record Data(String chargeId, String idempotencyKey, Long amountCents, String reason, String refundId) {
    }
}
