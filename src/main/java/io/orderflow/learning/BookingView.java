package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Seats of an event booked by a paid order. */
@Schema(name = "Booking")
public record BookingView(UUID id, UUID eventId, String eventSlug, String eventName, OffsetDateTime startsAt, OffsetDateTime endsAt,
                          String timeZone, @Schema(nullable = true) String venue, @Schema(nullable = true) String onlineUrl,
                          @Schema(enumeration = {"scheduled", "cancelled", "completed"}) String eventStatus, UUID orderId, int seats,
                          @Schema(enumeration = {"booked", "cancelled"}) String status, OffsetDateTime bookedAt,
                          @Schema(nullable = true) OffsetDateTime cancelledAt) {
}
