package io.orderflow.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.URL;

/** A product to create. Stock tracking may be switched off for digital goods and courses without a seat limit only. */
public record NewProduct(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'")
        @Schema(required = true, example = "TSHIRT-BLK-M") String sku,
        @NotBlank @Size(max = 200) @Schema(required = true) String name,
        @Size(max = 10_000) String description,
        @NotBlank @Size(max = 100) @Schema(required = true) String category,
        @NotNull @Pattern(regexp = "physical|digital|course|event", message = "must be one of physical, digital, course, event")
        @Schema(required = true, enumeration = {"physical", "digital", "course", "event"}) String kind,
        @NotNull @Positive @Max(MAX_CENTS) @Schema(required = true, description = "Minor units (cents)") Long priceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD")
        @Schema(required = true, example = "USD") String currency,
        @PositiveOrZero @Max(MAX_CENTS) Long costCents,
        @Size(max = 2048) @URL String imageUrl,
        @PositiveOrZero @Max(1_000_000) @Schema(defaultValue = "0") Integer initialStock,
        @Positive @Max(1_000_000) @Schema(defaultValue = "10") Integer reorderPoint,
        @Size(max = 50) String warehouseLocation,
        @Schema(defaultValue = "true", description = "false only for digital products and courses without a seat limit") Boolean trackInventory) {

    /** The highest price or cost, as for a refund: 100 units of 50 lines at this price still fit a bigint many times over. */
    static final long MAX_CENTS = 100_000_000_000L;

    int initialStockOrZero() {
        return initialStock == null ? 0 : initialStock;
    }

    int reorderPointOrDefault() {
        return reorderPoint == null ? 10 : reorderPoint;
    }

    boolean tracksInventory() {
        return trackInventory == null || trackInventory;
    }
}
