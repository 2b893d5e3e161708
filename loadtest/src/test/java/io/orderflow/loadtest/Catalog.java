package io.orderflow.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the scenarios read and buy. Reads use whatever the catalog holds (the first pages of the
 * public listing); checkouts buy the load test's own SKUs (category {@code loadtest}, created and
 * restocked through the staff API as needed), so a run never drains real products.
 */
final class Catalog {

    static final String CATEGORY = "loadtest";

    /** Search terms: words of the load test's product names and of a typical catalog. */
    static final List<String> TERMS = List.of("kettle", "lamp", "chair", "mug", "steel", "oak", "leather", "portable",
            "vintage", "backpack", "steel kettle", "oak chair", "leather backpack", "load test");

    private static final List<String> ADJECTIVES = List.of("steel", "oak", "leather", "portable", "vintage");
    private static final List<String> NOUNS = List.of("kettle", "lamp", "chair", "mug", "backpack");

    /** The most product ids read from the listing for browsing. */
    private static final int BROWSE_IDS = Params.integer("BROWSE_PRODUCTS", 1000);

    final List<String> productIds;
    final List<String> listingPaths;

    private Catalog(List<String> productIds, List<String> listingPaths) {
        this.productIds = productIds;
        this.listingPaths = listingPaths;
    }

    /** Product ids and listing pages from the public listing; an empty catalog gets the load test's SKUs first. */
    static Catalog forBrowsing(Api api, Staff staff) {
        Catalog catalog = read(api);
        if (catalog.productIds.isEmpty()) {
            ensureSkus(api, staff, Params.integer("CHECKOUT_SKUS", 50), 0);
            catalog = read(api);
        }
        System.out.printf("[loadtest] browsing %d products, %d listing pages, %d search terms%n",
                catalog.productIds.size(), catalog.listingPaths.size(), TERMS.size());
        return catalog;
    }

    private static Catalog read(Api api) {
        List<String> ids = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/products?limit=100" + (cursor == null ? "" : "&cursor=" + encode(cursor)), null);
            page.path("items").forEach(item -> {
                ids.add(item.path("id").asText());
                categories.add(item.path("category").asText());
            });
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && ids.size() < BROWSE_IDS);
        List<String> listings = new ArrayList<>(List.of("/api/v1/products?limit=20", "/api/v1/products?limit=20&sort=price_asc",
                "/api/v1/products?limit=20&sort=price_desc"));
        categories.stream().limit(20).forEach(category -> listings.add("/api/v1/products?limit=20&category=" + encode(category)));
        return new Catalog(ids, listings);
    }

    /**
     * The ids of {@code count} load-test SKUs (LT-SKU-001...), each with at least {@code minAvailable}
     * units: missing ones are created with 100,000 units, short ones get a purchase of 100,000.
     */
    static List<String> ensureSkus(Api api, Staff staff, int count, int minAvailable) {
        Map<String, JsonNode> existing = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/products?limit=100&category=" + CATEGORY
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)), null);
            page.path("items").forEach(item -> existing.put(item.path("sku").asText(), item));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        List<String> ids = new ArrayList<>();
        int created = 0;
        int restocked = 0;
        for (int n = 1; n <= count; n++) {
            String sku = String.format("LT-SKU-%03d", n);
            JsonNode product = existing.get(sku);
            if (product == null) {
                product = api.post("/api/v1/products", staff.token(), newProduct(sku, n), 201);
                created++;
            } else if (product.path("availability").path("available").asInt(0) < minAvailable) {
                api.post("/api/v1/inventory/" + product.path("id").asText() + "/adjustments", staff.token(),
                        Map.of("type", "purchase", "quantityChange", 100_000, "notes", "load test restock"), 200);
                restocked++;
            }
            ids.add(product.path("id").asText());
        }
        System.out.printf("[loadtest] %d load-test SKUs (%d created, %d restocked)%n", ids.size(), created, restocked);
        return ids;
    }

    /** A random product id per virtual user. */
    static Iterator<Map<String, Object>> randomIds(List<String> ids, String key) {
        if (ids.isEmpty()) {
            throw new IllegalStateException("no products to use for " + key);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return Map.of(key, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
            }
        };
    }

    /** A random search term and listing page per virtual user. */
    Iterator<Map<String, Object>> readFeeder() {
        Iterator<Map<String, Object>> ids = randomIds(productIds, "productId");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return Map.of("productId", ids.next().get("productId"),
                        "term", encode(TERMS.get(random.nextInt(TERMS.size()))),
                        "listing", listingPaths.get(random.nextInt(listingPaths.size())));
            }
        };
    }

    private static Map<String, Object> newProduct(String sku, int n) {
        String name = "Load test " + ADJECTIVES.get(n % ADJECTIVES.size()) + " " + NOUNS.get((n / ADJECTIVES.size()) % NOUNS.size())
                + " " + n;
        return Map.of("sku", sku, "name", name, "description", "A product of orderflow's load tests.", "category", CATEGORY,
                "kind", "physical", "priceCents", 500 + 100L * n, "currency", "USD", "initialStock", 100_000);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
