package io.orderflow.identity;

import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask identity about a customer's addresses and stored cards. */
@ApplicationScoped
public class AccountLookup {

    static final String ADDRESSES = """
            SELECT id, line1, line2, city, state, postal_code, country FROM user_addresses
            WHERE id = ANY($1) AND user_id = $2 AND deleted_at IS NULL""";

    static final String PAYMENT_METHOD_REF = """
            SELECT gateway_payment_method_id FROM user_payment_methods
            WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""";

    private final Pool db;

    AccountLookup(Pool db) {
        this.db = db;
    }

    /** Those of the addresses that are live addresses of this user, as they read now. */
    public Uni<Map<UUID, AddressSnapshot>> addresses(UUID userId, Set<UUID> addressIds) {
        return db.preparedQuery(ADDRESSES).execute(Tuple.of(addressIds.toArray(UUID[]::new), userId))
                .map(rows -> {
                    Map<UUID, AddressSnapshot> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("id"), new AddressSnapshot(row.getString("line1"), row.getString("line2"),
                            row.getString("city"), row.getString("state"), row.getString("postal_code"), row.getString("country"))));
                    return found;
                });
    }

    /** The gateway reference of this user's live payment method, if it is theirs. */
    public Uni<Optional<String>> paymentMethodRef(UUID userId, UUID paymentMethodId) {
        return db.preparedQuery(PAYMENT_METHOD_REF).execute(Tuple.of(paymentMethodId, userId))
                .map(rows -> Rows.first(rows, row -> row.getString(0)));
    }
}
