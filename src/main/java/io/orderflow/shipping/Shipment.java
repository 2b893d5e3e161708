package io.orderflow.shipping;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A parcel on its way to the customer: the order it carries, the carrier and its tracking number. */
public record Shipment(
        UUID id,
        UUID orderId,
        @Schema(enumeration = {"usps", "fedex", "ups", "dhl"}) String carrier,
        String trackingNumber,
        LocalDate estimatedDelivery,
        Instant shippedAt,
        @Schema(description = "Null until the parcel is delivered") Instant deliveredAt) {

    static Shipment from(Row row) {
        return new Shipment(row.getUUID("id"), row.getUUID("order_id"), row.getString("carrier"),
                row.getString("tracking_number"), row.getLocalDate("estimated_delivery"),
                row.getOffsetDateTime("shipped_at").toInstant(),
                Optional.ofNullable(row.getOffsetDateTime("delivered_at")).map(OffsetDateTime::toInstant).orElse(null));
    }
}
