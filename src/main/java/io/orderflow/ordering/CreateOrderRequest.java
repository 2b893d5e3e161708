package io.orderflow.ordering;

import io.orderflow.inventory.StockLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The body of POST /orders: either explicit lines or the caller's cart. Prices are never taken from the client. */
@Schema(name = "CreateOrder")
public record CreateOrderRequest(
        @Schema(description = "The lines to buy; omit when fromCart is true") @Size(min = 1, max = 50) List<@Valid @NotNull Line> items,
        @Schema(description = "Buy the signed-in customer's cart instead of items") Boolean fromCart,
        @NotNull UUID shippingAddressId,
        @NotNull UUID billingAddressId,
        @NotNull UUID paymentMethodId) {

    /** One product and how many of it. */
    @Schema(name = "CreateOrderLine")
    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }

    @AssertTrue(message = "give either items or fromCart: true")
    @Schema(hidden = true)
    boolean isItemsOrCart() {
        return usesCart() == (items == null);
    }

    @AssertTrue(message = "each product may appear only once")
    @Schema(hidden = true)
    boolean isDistinctProducts() {
        return items == null || items.stream().filter(line -> line != null).map(Line::productId).distinct().count() == items.size();
    }

    boolean usesCart() {
        return Boolean.TRUE.equals(fromCart);
    }

    List<StockLine> lines() {
        return items.stream().map(line -> new StockLine(line.productId(), line.quantity())).toList();
    }

    /** SHA-256 of the request in a canonical form: line order and ignored fields do not change it. */
    String hash() {
        String lines = usesCart() ? "cart" : items.stream()
                .sorted(Comparator.comparing(Line::productId))
                .map(line -> line.productId() + "x" + line.quantity())
                .collect(Collectors.joining(","));
        return sha256(String.join("|", lines, shippingAddressId.toString(), billingAddressId.toString(), paymentMethodId.toString()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
