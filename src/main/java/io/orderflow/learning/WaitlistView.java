package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer's place in an event's waitlist, and the seat offered to them once one frees up. */
@Schema(name = "WaitlistEntry")
public record WaitlistView(UUID id, UUID eventId, String eventName, OffsetDateTime startsAt,
                           @Schema(enumeration = {"waiting", "offered", "accepted", "expired", "left"}) String status,
                           @Schema(nullable = true, description = "1 for the next in line; null once no longer waiting") Integer position,
                           OffsetDateTime joinedAt,
                           @Schema(nullable = true, description = "An offered seat is held until then: buy it with POST /orders") OffsetDateTime offerExpiresAt) {
}
