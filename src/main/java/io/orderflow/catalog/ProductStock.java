package io.orderflow.catalog;

import io.orderflow.platform.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The stock side of a product, as the catalog needs it. The inventory module implements it:
 * catalog sits below inventory, which is the only writer of stock (docs/architecture.md, "Modules").
 */
public interface ProductStock {

    /** Opens the stock row of a new product inside the catalog's create transaction. */
    Uni<Void> open(SqlClient tx, UUID productId, OpeningStock opening, Actor actor);

    /** Availability of each tracked product among {@code productIds}; those without a stock row are absent. */
    Uni<Map<UUID, Availability>> availability(Collection<UUID> productIds);
}
