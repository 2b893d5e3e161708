package io.orderflow.learning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.URL;

import java.util.UUID;

/** A course's details, replaced as a whole by PUT /courses/{productId}. */
public record CourseDetailsRequest(
        @NotNull @Schema(required = true, description = "A user whose role is instructor") UUID instructorId,
        @NotNull @Positive @Max(100_000) @Schema(required = true, example = "90") Integer durationMinutes,
        @NotNull @Pattern(regexp = "beginner|intermediate|advanced", message = "must be one of beginner, intermediate, advanced")
        @Schema(required = true, enumeration = {"beginner", "intermediate", "advanced"}) String level,
        @NotNull @Valid @Schema(required = true) CourseSchedule schedule,
        @Size(max = 500) String shortDescription,
        @Size(max = 2048) @URL String videoUrl,
        @Schema(defaultValue = "false", description = "Listed and on sale once true") Boolean published) {
}
