package io.orderflow.learning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A course as the catalogue shows it: the product (name, price, description) and its details. */
@Schema(name = "Course")
public record CourseView(UUID productId, String slug, String name, String description, String category, long priceCents,
                         String currency, @Schema(nullable = true) String imageUrl, UUID instructorId, String instructorName,
                         int durationMinutes, @Schema(enumeration = {"beginner", "intermediate", "advanced"}) String level,
                         CourseSchedule schedule, @Schema(nullable = true) String shortDescription,
                         @Schema(nullable = true) String videoUrl, boolean published,
                         @Schema(description = "0 to 5, two decimals") BigDecimal rating, int ratingCount, int enrolledCount,
                         @Schema(nullable = true, description = "Places left; null when the course has no seat limit") Integer seatsLeft,
                         OffsetDateTime createdAt) {
}
