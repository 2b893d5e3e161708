package io.orderflow.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask identity about a customer's addresses and stored cards. */
@ApplicationScoped
public class AccountLookup {

    static final String OWNS_ADDRESS = """
            SELECT 1 FROM user_addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""";

    static final String PAYMENT_METHOD_REF = """
            SELECT gateway_payment_method_id FROM user_payment_methods
            WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""";

    private final Pool db;

    AccountLookup(Pool db) {
        this.db = db;
    }

    /** True when the address is a live address of this user. */
    public Uni<Boolean> ownsAddress(UUID userId, UUID addressId) {
        return db.preparedQuery(OWNS_ADDRESS).execute(Tuple.of(addressId, userId))
                .map(rows -> rows.size() > 0);
    }

    /** The gateway reference of this user's live payment method, if it is theirs. */
    public Uni<Optional<String>> paymentMethodRef(UUID userId, UUID paymentMethodId) {
        return db.preparedQuery(PAYMENT_METHOD_REF).execute(Tuple.of(paymentMethodId, userId))
                .map(rows -> {
                    var found = rows.iterator();
                    return found.hasNext() ? Optional.of(found.next().getString(0)) : Optional.<String>empty();
                });
    }
}
