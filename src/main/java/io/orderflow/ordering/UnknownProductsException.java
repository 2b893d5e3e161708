package io.orderflow.ordering;

import io.orderflow.platform.DomainException;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Some lines name products that do not exist or are not for sale; the body lists them. */
public class UnknownProductsException extends DomainException {

    public UnknownProductsException(Set<UUID> productIds) {
        super(productIds.size() + " product(s) are unknown or not for sale", Map.of("productIds", productIds));
    }

    @Override public int status() { return 422; }
    @Override public String type() { return "unknown-products"; }
    @Override public String title() { return "Unknown products"; }
}
