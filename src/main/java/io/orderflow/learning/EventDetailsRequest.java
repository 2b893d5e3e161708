package io.orderflow.learning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.URL;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** An event's details, replaced as a whole by PUT /events/{productId}. Its seats are the product's stock. */
public record EventDetailsRequest(
        @NotNull @Schema(required = true) OffsetDateTime startsAt,
        @NotNull @Schema(required = true) OffsetDateTime endsAt,
        @NotBlank @Schema(required = true, example = "Europe/Paris") String timeZone,
        @Size(max = 300) String venue,
        @Size(max = 2048) @URL String onlineUrl,
        @Schema(description = "Seats are sold until then; absent: until the start") OffsetDateTime bookingClosesAt,
        @Positive @Max(100) @Schema(defaultValue = "10") Integer seatsPerOrder) {

    @AssertTrue(message = "endsAt must be after startsAt")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isOrdered() {
        return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    }

    @AssertTrue(message = "bookingClosesAt must not be after startsAt")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isBookingBeforeStart() {
        return bookingClosesAt == null || startsAt == null || !bookingClosesAt.isAfter(startsAt);
    }

    @AssertTrue(message = "venue or onlineUrl is required")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isLocated() {
        return (venue != null && !venue.isBlank()) || onlineUrl != null;
    }

    @AssertTrue(message = "timeZone must be a region such as Europe/Paris")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isKnownTimeZone() {
        return timeZone == null || ZoneId.getAvailableZoneIds().contains(timeZone);
    }

    int seatsPerOrderOrDefault() {
        return seatsPerOrder == null ? 10 : seatsPerOrder;
    }
}
