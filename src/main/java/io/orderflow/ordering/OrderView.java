package io.orderflow.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.identity.AddressSnapshot;
import io.orderflow.payment.PaymentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its customer and staff see it. Every amount is in minor units of {@code currency}. */
@Schema(name = "Order")
public record OrderView(UUID id, String orderNumber, UUID customerId, OrderStatus status, List<Item> items,
                        long subtotalCents, long shippingCents, long taxCents, long totalCents, String currency,
                        UUID shippingAddressId, UUID billingAddressId,
                        @Schema(description = "Where the order ships, as the address read when it was placed (absent on orders placed before snapshots were kept)")
                        AddressSnapshot shippingAddress,
                        @Schema(description = "The billing address as it read when the order was placed")
                        AddressSnapshot billingAddress, Instant createdAt, Instant confirmedAt,
                        Instant cancelledAt, String cancellationReason, PaymentSummary payment) {

    /** One line, priced when the order was placed. */
    @Schema(name = "OrderItem")
    public record Item(UUID productId, String sku, String name, long unitPriceCents, int quantity, long lineTotalCents) {
    }

    /**
     * The attempt that paid the order, else the latest one. {@code refundPendingCents}: refunds recorded
     * and not yet confirmed by the payment processor.
     */
    @Schema(name = "OrderPayment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentSummary(UUID id, PaymentStatus status, long amountCents, long amountRefundedCents, long refundPendingCents,
                                 String failureReason) {
    }

    @JsonIgnore
    public boolean isPaid() {
        return status.isPaid();
    }
}
