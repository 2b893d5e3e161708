package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A student's review of a course. */
@Schema(name = "Review")
public record ReviewView(UUID id, UUID courseId, UUID studentId, @Schema(minimum = "1", maximum = "5") int rating,
                         @Schema(nullable = true) String comment, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
