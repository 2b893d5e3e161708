package io.orderflow.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.URL;

import java.util.stream.Stream;

/**
 * Changes to a product: absent (null) fields stay as they are. The slug stays too, so links keep
 * working after a rename. A new price applies to future orders only.
 */
public record ProductPatch(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 10_000) String description,
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String category,
        @Positive @Max(NewProduct.MAX_CENTS) @Schema(description = "Minor units (cents)") Long priceCents,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD") String currency,
        @PositiveOrZero @Max(NewProduct.MAX_CENTS) Long costCents,
        @Size(max = 2048) @URL String imageUrl,
        Boolean active) {

    @JsonIgnore
    @AssertTrue(message = "at least one field must be given")
    @Schema(hidden = true)
    public boolean isChangingSomething() {
        return Stream.of(name, description, category, priceCents, currency, costCents, imageUrl, active)
                .anyMatch(value -> value != null);
    }
}
