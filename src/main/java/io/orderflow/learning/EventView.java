package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event as the catalogue shows it: the product, its details and its seats (the product's stock). */
@Schema(name = "Event")
public record EventView(UUID productId, String slug, String name, String description, String category, long priceCents,
                        String currency, @Schema(nullable = true) String imageUrl, OffsetDateTime startsAt, OffsetDateTime endsAt,
                        String timeZone, @Schema(nullable = true) String venue, @Schema(nullable = true) String onlineUrl,
                        @Schema(description = "Seats are sold until then") OffsetDateTime bookingClosesAt,
                        @Schema(enumeration = {"scheduled", "cancelled", "completed"}) String status, int seatsPerOrder,
                        @Schema(description = "Seats left, held by unpaid orders, and booked, together") int capacity,
                        @Schema(description = "Seats that can be bought now") int seatsLeft, int seatsBooked,
                        @Schema(description = "Bookings in force; once the event is cancelled, those still to be refunded") int bookingsOpen,
                        @Schema(description = "Bookings cancelled and refunded (with their order, or by the event's cancellation)") int bookingsCancelled) {
}
