package io.orderflow.learning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** When a course meets: weekly at a local time in a time zone, or on dated sessions, or both. Stored as JSON. */
@Schema(description = "Weekly meetings at a local time in timeZone, dated sessions, or both; at least one entry")
public record CourseSchedule(
        @NotBlank @Schema(required = true, example = "Europe/Paris") String timeZone,
        @Size(max = 14) List<@Valid @NotNull Weekly> weekly,
        @Size(max = 200) List<@Valid @NotNull Session> sessions) {

    /** A weekly meeting. */
    public record Weekly(@NotNull @Schema(required = true, example = "MONDAY") DayOfWeek weekday,
                         @NotNull @Schema(required = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                 example = "18:30") LocalTime localTime) {
    }

    /** A dated session. */
    public record Session(@NotNull @Schema(required = true) OffsetDateTime startsAt, @NotNull @Schema(required = true) OffsetDateTime endsAt) {

        @AssertTrue(message = "must end after it starts")
        @JsonIgnore
        @Schema(hidden = true)
        public boolean isOrdered() {
            return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
        }
    }

    @AssertTrue(message = "must name at least one weekly meeting or dated session")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isNotEmpty() {
        return (weekly != null && !weekly.isEmpty()) || (sessions != null && !sessions.isEmpty());
    }

    @AssertTrue(message = "timeZone must be a region such as Europe/Paris")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isKnownTimeZone() {
        return timeZone == null || ZoneId.getAvailableZoneIds().contains(timeZone);
    }
}
