package io.orderflow.ordering;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An order in a list: enough to pick one and fetch it. */
@Schema(name = "OrderSummary")
public record OrderSummary(UUID id, String orderNumber, OrderStatus status, long totalCents, String currency, Instant createdAt) {
}
