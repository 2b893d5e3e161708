package io.orderflow.ordering;

import io.orderflow.catalog.ProductSnapshot;
import io.orderflow.inventory.StockLine;
import io.orderflow.platform.UnprocessableException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checkout pricing without a database: catalog prices, flat shipping, basis-point tax, the two refusals. */
class PricingTest {

    private static final ProductSnapshot MUG = product("MUG-1", 1_250, "USD");
    private static final ProductSnapshot TEE = product("TEE-1", 1_999, "USD");
    private static final ProductSnapshot BOOK = product("BOOK-1", 800, "EUR");
    private static final ProductSnapshot PIN = product("PIN-1", 200, "USD");

    @Test
    void linesArePricedAtTheCatalogPriceTimesTheQuantity() {
        Pricing.Priced priced = new Pricing(0, 0).price(forSale(MUG, TEE), List.of(line(MUG, 2), line(TEE, 1)));

        assertEquals(List.of(2_500L, 1_999L), priced.lines().stream().map(Orders.NewLine::lineTotalCents).toList());
        assertEquals(List.of(MUG, TEE), priced.lines().stream().map(Orders.NewLine::product).toList());
        assertEquals(4_499, priced.subtotalCents());
        assertEquals("USD", priced.currency());
    }

    @Test
    void shippingIsTheConfiguredFlatAmountWhateverTheLines() {
        assertEquals(499, new Pricing(499, 0).price(forSale(MUG), List.of(line(MUG, 1))).shippingCents());
        assertEquals(499, new Pricing(499, 0).price(forSale(MUG, TEE), List.of(line(MUG, 3), line(TEE, 2))).shippingCents());
    }

    @Test
    void taxIsTheConfiguredBasisPointsOfTheSubtotalRoundedToTheNearestCent() {
        // 8.25 % of 19.99 is 1.649175
        assertEquals(165, new Pricing(0, 825).price(forSale(TEE), List.of(line(TEE, 1))).taxCents());
        // 8 % of 25.00 is exactly 2.00; shipping is not taxed
        assertEquals(200, new Pricing(1_000, 800).price(forSale(MUG), List.of(line(MUG, 2))).taxCents());
        // half a cent rounds up: 0.25 % of 2.00
        assertEquals(1, new Pricing(0, 25).price(forSale(PIN), List.of(line(PIN, 1))).taxCents());
    }

    @Test
    void noTaxRateMeansNoTax() {
        assertEquals(0, new Pricing(0, 0).price(forSale(TEE), List.of(line(TEE, 3))).taxCents());
    }

    @Test
    void aProductNotOnSaleIsRefusedWithEveryUnknownIdListed() {
        UUID gone = UUID.randomUUID();
        UUID neverWas = UUID.randomUUID();

        UnknownProductsException refused = assertThrows(UnknownProductsException.class, () -> new Pricing(0, 0)
                .price(forSale(MUG), List.of(line(MUG, 1), new StockLine(gone, 1), new StockLine(neverWas, 2))));

        assertEquals(422, refused.status());
        assertEquals("unknown-products", refused.type());
        assertEquals(Set.of(gone, neverWas), refused.properties().get("productIds"));
    }

    @Test
    void productsPricedInTwoCurrenciesAreRefused() {
        UnprocessableException refused = assertThrows(UnprocessableException.class,
                () -> new Pricing(0, 0).price(forSale(MUG, BOOK), List.of(line(MUG, 1), line(BOOK, 1))));

        assertEquals("mixed-currencies", refused.type());
    }

    @Test
    void unknownProductsAreReportedBeforeMixedCurrencies() {
        UUID gone = UUID.randomUUID();

        assertThrows(UnknownProductsException.class, () -> new Pricing(0, 0)
                .price(forSale(MUG, BOOK), List.of(line(MUG, 1), line(BOOK, 1), new StockLine(gone, 1))));
    }

    private static ProductSnapshot product(String sku, long priceCents, String currency) {
        return new ProductSnapshot(UUID.nameUUIDFromBytes(sku.getBytes()), sku, "Product " + sku, priceCents, currency, true, "physical");
    }

    private static Map<UUID, ProductSnapshot> forSale(ProductSnapshot... products) {
        return Arrays.stream(products).collect(Collectors.toMap(ProductSnapshot::id, Function.identity()));
    }

    private static StockLine line(ProductSnapshot product, int quantity) {
        return new StockLine(product.id(), quantity);
    }
}
