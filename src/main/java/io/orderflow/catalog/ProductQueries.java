package io.orderflow.catalog;

import io.orderflow.platform.Cursor;
import io.orderflow.platform.DataAccess;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of the products table. */
@DataAccess
@ApplicationScoped
public class ProductQueries {

    static final String INSERT = """
            INSERT INTO products (sku, slug, name, description, category, kind, price_cents, cost_cents, currency,
                                  image_url, track_inventory)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            RETURNING\s""" + Product.COLUMNS;

    static final String FIND_LIVE = "SELECT " + Product.COLUMNS + " FROM products WHERE id = $1 AND deleted_at IS NULL";

    static final String FIND_LIVE_BY_SLUG = "SELECT " + Product.COLUMNS + " FROM products WHERE slug = $1 AND deleted_at IS NULL";

    static final String LOCK_LIVE = FIND_LIVE + " FOR UPDATE";

    /** The version (updated_at) of each product among $1 that customers may see; the near cache revalidates with it. */
    static final String PUBLIC_VERSIONS = """
            SELECT id, updated_at FROM products WHERE id = ANY($1) AND deleted_at IS NULL AND is_active""";

    static final String UPDATE = """
            UPDATE products SET name = coalesce($2, name), description = coalesce($3, description),
                   category = coalesce($4, category), price_cents = coalesce($5, price_cents),
                   currency = coalesce($6, currency), cost_cents = coalesce($7, cost_cents),
                   image_url = coalesce($8, image_url), is_active = coalesce($9, is_active)
            WHERE id = $1 AND deleted_at IS NULL
            RETURNING\s""" + Product.COLUMNS;

    static final String SOFT_DELETE = """
            UPDATE products SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL
            RETURNING\s""" + Product.COLUMNS;

    /**
     * The listing's filters: $1 include inactive, $2 search text, $3 category, $4 kind, $5/$6 price
     * bounds; null means no filter. $7/$8 are the cursor's sort value and id (null: first page), $9 the row count.
     */
    private static final String LISTING = """
            FROM products
            WHERE deleted_at IS NULL
              AND (is_active OR $1)
              AND ($2::text IS NULL OR search_vector @@ websearch_to_tsquery('english', $2))
              AND ($3::text IS NULL OR category = $3)
              AND ($4::text IS NULL OR kind = $4)
              AND ($5::bigint IS NULL OR price_cents >= $5)
              AND ($6::bigint IS NULL OR price_cents <= $6)
            """;

    private static final String SELECT = "SELECT " + Product.COLUMNS + ", NULL::real AS rank\n";

    /** Matches only: the GIN index finds them, then they are ranked; needs $2. */
    static final String RELEVANCE = "SELECT " + Product.COLUMNS
            + ", ts_rank(search_vector, websearch_to_tsquery('english', $2)) AS rank\n" + LISTING + """
              AND search_vector @@ websearch_to_tsquery('english', $2)
              AND (ts_rank(search_vector, websearch_to_tsquery('english', $2)), id)
                  < (coalesce($7, 'Infinity'::real), coalesce($8, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY rank DESC, id DESC
            LIMIT $9""";

    static final String NEWEST = SELECT + LISTING + """
              AND (created_at, id) < (coalesce($7, 'infinity'::timestamptz), coalesce($8, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $9""";

    static final String PRICE_ASC = SELECT + LISTING + """
              AND (price_cents, id) > (coalesce($7, 0::bigint), coalesce($8, '00000000-0000-0000-0000-000000000000'::uuid))
            ORDER BY price_cents, id
            LIMIT $9""";

    static final String PRICE_DESC = SELECT + LISTING + """
              AND (price_cents, id) < (coalesce($7, 9223372036854775807::bigint), coalesce($8, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            ORDER BY price_cents DESC, id DESC
            LIMIT $9""";

    /** A listed product with its search rank (null unless sorted by relevance). */
    record Listed(Product product, Float rank) {
    }

    Uni<Product> insert(SqlClient tx, NewProduct p, String slug) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {p.sku(), slug, p.name(), p.description(), p.category(), p.kind(),
                        p.priceCents(), p.costCents(), p.currency(), p.imageUrl(), p.tracksInventory()}))
                .map(ProductQueries::first);
    }

    Uni<Product> findLive(SqlClient client, UUID id) {
        return client.preparedQuery(FIND_LIVE).execute(Tuple.of(id)).map(ProductQueries::first);
    }

    Uni<Product> findLiveBySlug(SqlClient client, String slug) {
        return client.preparedQuery(FIND_LIVE_BY_SLUG).execute(Tuple.of(slug)).map(ProductQueries::first);
    }

    Uni<Map<UUID, Instant>> publicVersions(SqlClient client, Collection<UUID> ids) {
        return client.preparedQuery(PUBLIC_VERSIONS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Instant> versions = new HashMap<>();
            rows.forEach(row -> versions.put(row.getUUID("id"), row.getOffsetDateTime("updated_at").toInstant()));
            return versions;
        });
    }

    Uni<Product> lockLive(SqlClient tx, UUID id) {
        return tx.preparedQuery(LOCK_LIVE).execute(Tuple.of(id)).map(ProductQueries::first);
    }

    Uni<Product> update(SqlClient tx, UUID id, ProductPatch patch) {
        return tx.preparedQuery(UPDATE)
                .execute(Tuple.from(new Object[] {id, patch.name(), patch.description(), patch.category(),
                        patch.priceCents(), patch.currency(), patch.costCents(), patch.imageUrl(), patch.active()}))
                .map(ProductQueries::first);
    }

    Uni<Product> softDelete(SqlClient tx, UUID id) {
        return tx.preparedQuery(SOFT_DELETE).execute(Tuple.of(id)).map(ProductQueries::first);
    }

    /** Up to {@code fetch} products matching the search after the given position, in the sort's order. */
    Uni<List<Listed>> page(SqlClient client, ProductSearch search, Cursor.Keyset after, int fetch) {
        return client.preparedQuery(search.sort().sql)
                .execute(Tuple.from(new Object[] {search.includeInactive(), search.query(), search.category(),
                        search.kind(), search.minPriceCents(), search.maxPriceCents(), after.value(), after.id(), fetch}))
                .map(rows -> {
                    List<Listed> listed = new ArrayList<>(rows.size());
                    rows.forEach(row -> listed.add(new Listed(Product.from(row), row.getFloat("rank"))));
                    return listed;
                });
    }

    /** The product the statement returned, or null: the cache and the service treat null as "no such product". */
    private static Product first(RowSet<Row> rows) {
        return Rows.first(rows, Product::from).orElse(null);
    }
}
