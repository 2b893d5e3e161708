package io.orderflow.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A product as the API shows it, with its availability; the cost is shown to staff only. */
@Schema(name = "Product")
public record ProductView(UUID id, String sku, String slug, String name,
                          @Schema(nullable = true) String description, String category,
                          @Schema(enumeration = {"physical", "digital", "course", "event"}) String kind,
                          long priceCents,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Staff only") Long costCents,
                          String currency, @Schema(nullable = true) String imageUrl, boolean active,
                          boolean trackInventory, Availability availability,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ProductView of(Product p, Availability availability, boolean staff) {
        return new ProductView(p.id(), p.sku(), p.slug(), p.name(), p.description(), p.category(), p.kind(),
                p.priceCents(), staff ? p.costCents() : null, p.currency(), p.imageUrl(), p.active(),
                p.trackInventory(), availability, p.createdAt(), p.updatedAt());
    }
}
