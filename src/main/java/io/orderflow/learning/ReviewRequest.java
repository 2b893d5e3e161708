package io.orderflow.learning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /courses/{id}/reviews: a whole-star rating and an optional comment. */
@Schema(name = "ReviewRequest")
public record ReviewRequest(@NotNull @Min(1) @Max(5) @Schema(required = true, example = "5") Integer rating,
                            @Size(max = 4000) String comment) {
}
