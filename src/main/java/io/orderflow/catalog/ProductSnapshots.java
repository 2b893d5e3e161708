package io.orderflow.catalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The catalog's answer to "what is for sale, at what price": used by carts and checkout. */
@ApplicationScoped
public class ProductSnapshots {

    static final String FOR_SALE = """
            SELECT id, sku, name, price_cents, currency, track_inventory, kind FROM products
            WHERE id = ANY($1) AND is_active AND deleted_at IS NULL""";

    /** The active, live products among {@code ids}; unknown, inactive or deleted ones are absent. */
    public Uni<Map<UUID, ProductSnapshot>> forSale(SqlClient client, Collection<UUID> ids) {
        return client.preparedQuery(FOR_SALE).execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, ProductSnapshot> products = new HashMap<>();
                    rows.forEach(row -> products.put(row.getUUID("id"), new ProductSnapshot(row.getUUID("id"),
                            row.getString("sku"), row.getString("name"), row.getLong("price_cents"),
                            row.getString("currency"), row.getBoolean("track_inventory"), row.getString("kind"))));
                    return products;
                });
    }
}
