package io.orderflow.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its customer and staff see it. Every amount is in minor units of {@code currency}. */
@Schema(name = "Order")
public record OrderView(UUID id, String orderNumber, UUID customerId, String status, List<Item> items,
                        long subtotalCents, long shippingCents, long taxCents, long totalCents, String currency,
                        UUID shippingAddressId, UUID billingAddressId, Instant createdAt, Instant confirmedAt,
                        Instant cancelledAt, String cancellationReason, PaymentSummary payment) {

    /** One line, priced when the order was placed. */
    @Schema(name = "OrderItem")
    public record Item(UUID productId, String sku, String name, long unitPriceCents, int quantity, long lineTotalCents) {
    }

    /** The latest payment attempt. */
    @Schema(name = "OrderPayment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentSummary(UUID id, String status, long amountCents, long amountRefundedCents, String failureReason) {
    }

    @JsonIgnore
    public boolean isPaid() {
        return status.equals("confirmed") || status.equals("shipped") || status.equals("delivered");
    }
}
