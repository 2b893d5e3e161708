package io.orderflow.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.ReadReplica;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Creating, finding, listing, changing and retiring products. */
@ApplicationScoped
public class CatalogService {

    private static final int SLUG_ATTEMPTS = 5;
    private static final int SLUG_MAX_BASE = 200;

    private final Pool db;
    private final ProductQueries products;
    private final ProductCache cache;
    private final ProductStock inventory;
    private final AuditLog audit;
    private final ProductNearCache pages;
    private final ProductChanges changes;
    private final FirstPageCache firstPages;
    private final ObjectMapper json;
    private final ReadReplica replica;

    CatalogService(Pool db, ProductQueries products, ProductCache cache, ProductStock inventory, AuditLog audit,
                   ProductNearCache pages, ProductChanges changes, FirstPageCache firstPages, ObjectMapper json,
                   ReadReplica replica) {
        this.db = db;
        this.replica = replica;
        this.products = products;
        this.cache = cache;
        this.inventory = inventory;
        this.audit = audit;
        this.pages = pages;
        this.changes = changes;
        this.firstPages = firstPages;
        this.json = json;
    }

    /**
     * Creates the product, its stock row, the PURCHASE ledger row of its initial stock and the
     * audit row in one transaction. A taken slug retries the whole transaction with a suffix.
     */
    public Uni<ProductView> create(NewProduct request, Actor actor) {
        if (!request.tracksInventory() && !request.kind().equals("digital") && !request.kind().equals("course")) {
            throw new BadRequestException("untracked-not-digital", "Only digital products and courses may be sold without stock tracking");
        }
        String base = slugOf(request.name());
        return insertWithSlug(request, base, base, 1, actor)
                .call(product -> changes.changed(product.id()))
                .map(product -> ProductView.of(product, openingAvailability(request), true));
    }

    /** The product as sent: customers get the near cache's page, staff a view rendered from Redis or PostgreSQL. */
    public Uni<RenderedProduct> byId(UUID id, boolean staff) {
        return staff
                ? cache.byId(id).chain(product -> visible(product, true, id.toString())).map(this::render)
                : pages.page(id);
    }

    public Uni<RenderedProduct> bySlug(String slug, boolean staff) {
        return cache.bySlug(slug).chain(product -> visible(product, staff, slug)).map(this::render);
    }

    /** One page of the catalog; customers see active products only, their first pages from {@link FirstPageCache}. */
    public Uni<Page<ProductView>> list(ProductSearch search, String cursor, int limit, boolean staff) {
        if (search.sort() == ProductSort.RELEVANCE && search.query() == null) {
            throw new BadRequestException("query-required", "Sorting by relevance needs a search query");
        }
        return staff || cursor != null
                ? page(search, cursor, limit, staff)
                : firstPages.get(new FirstPageCache.Key(search, limit), () -> page(search, null, limit, false));
    }

    /** Staff read their own edits at once, from the primary; customers' pages may come from a fresh replica. */
    private Uni<Page<ProductView>> page(ProductSearch search, String cursor, int limit, boolean staff) {
        Cursor.Keyset after = search.sort().after(cursor);
        Uni<List<ProductQueries.Listed>> listed = staff
                ? products.page(db, search, after, limit + 1)
                : replica.read(client -> products.page(client, search, after, limit + 1));
        return listed
                .map(rows -> Page.of(rows, limit, search.sort()::cursorAfter))
                .chain(page -> withAvailability(page.items().stream().map(ProductQueries.Listed::product).toList(), staff)
                        .map(views -> new Page<>(views, page.nextCursor())));
    }

    /** Applies the patch and audits it; existing order lines keep the price they were placed at. */
    public Uni<ProductView> update(UUID id, ProductPatch patch, Actor actor) {
        return db.withTransaction(tx -> products.lockLive(tx, id)
                        .onItem().ifNull().failWith(() -> notFound(id.toString()))
                        .chain(before -> products.update(tx, id, patch)
                                .call(after -> audit.record(tx, AuditEntry.updated(actor, "product", id, before, after)))))
                .call(() -> evict(id))
                .chain(product -> withAvailability(List.of(product), true).map(views -> views.get(0)));
    }

    /** Soft-deletes the product: it disappears from the catalog; orders and the ledger keep referring to it. */
    public Uni<Void> delete(UUID id, Actor actor) {
        return db.withTransaction(tx -> products.softDelete(tx, id)
                        .onItem().ifNull().failWith(() -> notFound(id.toString()))
                        .call(before -> audit.record(tx, AuditEntry.deleted(actor, "product", id, before))))
                .call(() -> evict(id))
                .replaceWithVoid();
    }

    /**
     * After a write commits and before it answers: Redis first, then this instance's page and the
     * other instances' (ProductChanges), so no reload can bring back what Redis still held.
     */
    private Uni<Void> evict(UUID id) {
        return cache.evict(id).chain(() -> changes.changed(id));
    }

    private RenderedProduct render(ProductView view) {
        return RenderedProduct.of(json, view);
    }

    private Uni<Product> insertWithSlug(NewProduct request, String base, String slug, int attempt, Actor actor) {
        return db.withTransaction(tx -> products.insert(tx, request, slug)
                        .call(product -> inventory.open(tx, product.id(), openingStock(request), actor))
                        .call(product -> audit.record(tx, AuditEntry.created(actor, "product", product.id(), Map.of(
                                "product", product, "initialStock", request.initialStockOrZero())))))
                .onFailure(e -> violates(e, "products_slug_key") && attempt < SLUG_ATTEMPTS)
                .recoverWithUni(() -> insertWithSlug(request, base, withSuffix(base), attempt + 1, actor))
                .onFailure(e -> violates(e, "products_sku_key"))
                .transform(e -> new ConflictException("duplicate-sku", "A product with SKU " + request.sku() + " exists"));
    }

    private Uni<ProductView> visible(Product product, boolean staff, String key) {
        if (product == null || !(product.active() || staff)) {
            return Uni.createFrom().failure(notFound(key));
        }
        return withAvailability(List.of(product), staff).map(views -> views.get(0));
    }

    private Uni<List<ProductView>> withAvailability(List<Product> page, boolean staff) {
        List<UUID> tracked = page.stream().filter(Product::trackInventory).map(Product::id).toList();
        return inventory.availability(tracked).map(stock -> page.stream()
                .map(product -> ProductView.of(product, Availability.shown(product, stock), staff))
                .toList());
    }

    private static OpeningStock openingStock(NewProduct request) {
        return new OpeningStock(request.initialStockOrZero(), request.reorderPointOrDefault(), request.warehouseLocation());
    }

    private static Availability openingAvailability(NewProduct request) {
        return request.tracksInventory()
                ? Availability.of(request.initialStockOrZero(), request.reorderPointOrDefault())
                : Availability.UNTRACKED;
    }

    /** A URL-safe slug of the name: ASCII letters and digits joined by single dashes. */
    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_MAX_BASE) {
            slug = slug.substring(0, SLUG_MAX_BASE).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "product" : slug;
    }

    private static String withSuffix(String base) {
        return base + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    private static boolean violates(Throwable failure, String constraint) {
        return failure instanceof PgException pg && constraint.equals(pg.getConstraint());
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException("Product " + key);
    }
}
