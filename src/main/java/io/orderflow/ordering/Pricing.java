package io.orderflow.ordering;

import io.orderflow.catalog.ProductSnapshot;
import io.orderflow.inventory.StockLine;
import io.orderflow.platform.UnprocessableException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Prices an order, in the validate step (docs/architecture.md): each line at its catalog price, one flat
 * shipping amount and a tax rate in basis points of the subtotal, both configured. No I/O: the caller
 * reads the catalog, so the rules are tested without a database ({@code PricingTest}).
 */
record Pricing(long shippingFlatCents, int taxBasisPoints) {

    /** The priced lines and what they come to, in minor units of {@code currency}. */
    record Priced(List<Orders.NewLine> lines, long subtotalCents, long shippingCents, long taxCents, String currency) {
    }

    static Pricing of(CheckoutConfig config) {
        return new Pricing(config.shippingFlatCents(), config.taxBasisPoints());
    }

    /**
     * Prices {@code lines} from {@code forSale}, the catalog's snapshots of those of their products that
     * are on sale. Fails with {@link UnknownProductsException} (422) when a line names a product not among
     * them, then with mixed-currencies (422) when the products are priced in more than one currency.
     */
    Priced price(Map<UUID, ProductSnapshot> forSale, List<StockLine> lines) {
        Set<UUID> unknown = new HashSet<>(lines.stream().map(StockLine::productId).toList());
        unknown.removeAll(forSale.keySet());
        if (!unknown.isEmpty()) {
            throw new UnknownProductsException(unknown);
        }
        List<Orders.NewLine> priced = lines.stream().map(line -> new Orders.NewLine(forSale.get(line.productId()), line.quantity())).toList();
        Set<String> currencies = priced.stream().map(line -> line.product().currency()).collect(Collectors.toSet());
        if (currencies.size() > 1) {
            throw new UnprocessableException("mixed-currencies", "All products of one order must be priced in one currency");
        }
        long subtotal = priced.stream().mapToLong(Orders.NewLine::lineTotalCents).sum();
        long tax = Math.round(subtotal * taxBasisPoints / 10_000.0);
        return new Priced(priced, subtotal, shippingFlatCents, tax, currencies.iterator().next());
    }
}
