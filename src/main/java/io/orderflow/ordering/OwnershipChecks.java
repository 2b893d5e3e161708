package io.orderflow.ordering;

import io.orderflow.identity.AccountLookup;
import io.orderflow.identity.AddressSnapshot;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * What a checkout names must be the customer's own: the addresses and the card (422 otherwise, as for
 * ones that do not exist) and, for another payment attempt, the order (404, as for no order at all).
 */
@ApplicationScoped
class OwnershipChecks {

    /** Both addresses as they read now; the order keeps this snapshot. */
    record Addresses(AddressSnapshot shipping, AddressSnapshot billing) {
    }

    private final AccountLookup accounts;
    private final Pool db;
    private final Orders orders;

    OwnershipChecks(AccountLookup accounts, Pool db, Orders orders) {
        this.accounts = accounts;
        this.db = db;
        this.orders = orders;
    }

    Uni<Addresses> addresses(UUID customerId, UUID shippingAddressId, UUID billingAddressId) {
        return accounts.addresses(customerId, new HashSet<>(List.of(shippingAddressId, billingAddressId))).map(found -> {
            if (!found.containsKey(shippingAddressId) || !found.containsKey(billingAddressId)) {
                throw new UnprocessableException("unknown-address", "The shipping and billing addresses must be your own");
            }
            return new Addresses(found.get(shippingAddressId), found.get(billingAddressId));
        });
    }

    /** The processor's reference of the customer's payment method. */
    Uni<String> paymentMethodRef(UUID customerId, UUID paymentMethodId) {
        return accounts.paymentMethodRef(customerId, paymentMethodId).map(ref -> ref.orElseThrow(() ->
                new UnprocessableException("unknown-payment-method", "The payment method must be one of your own")));
    }

    Uni<OrderView> order(UUID customerId, UUID orderId) {
        return orders.find(db, orderId)
                .map(found -> found.filter(order -> order.customerId().equals(customerId))
                        .orElseThrow(() -> new NotFoundException("Order")));
    }
}
