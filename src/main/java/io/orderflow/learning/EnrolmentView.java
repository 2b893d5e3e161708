package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A student's place in a course, granted by a paid order. */
@Schema(name = "Enrolment")
public record EnrolmentView(UUID id, UUID courseId, String courseSlug, String courseName, UUID orderId,
                            @Schema(enumeration = {"enrolled", "completed", "cancelled"}) String status, OffsetDateTime enrolledAt,
                            @Schema(nullable = true) OffsetDateTime completedAt, @Schema(nullable = true) OffsetDateTime cancelledAt) {
}
