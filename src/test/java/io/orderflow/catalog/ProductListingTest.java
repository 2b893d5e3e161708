package io.orderflow.catalog;

import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static io.orderflow.support.Problems.detailedProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ProductListingTest {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");

    @Test
    void pagesStayStableWhileProductsAreAdded() {
        String category = uniqueCategory();
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            original.add(0, create(category, "Stable " + i, 100 + i, 5).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(spec -> spec.queryParam("category", category).queryParam("sort", "newest").queryParam("limit", 3), cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            create(category, "Inserted while paging", 50, 5);
        } while (cursor != null);
        assertEquals(original, seen);
    }

    @Test
    void priceSortsPageInPriceOrderWithIdTiebreak() {
        String category = uniqueCategory();
        for (long price : new long[] {300, 100, 200, 100, 300}) {
            create(category, "Priced", price, 5);
        }
        assertEquals(List.of(100, 100, 200, 300, 300), allPrices(category, "price_asc"));
        assertEquals(List.of(300, 300, 200, 100, 100), allPrices(category, "price_desc"));
    }

    @Test
    void searchRanksNameMatchesFirst() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> inDescription = TestProducts.body("Plain widget", 100, 5);
        inDescription.put("description", "Works well with " + word);
        UUID weak = TestProducts.create(inDescription);
        UUID strong = TestProducts.create("The " + word + " deluxe", 100, 5);
        TestProducts.create("Unrelated gadget", 100, 5);
        JsonPath first = page(spec -> spec.queryParam("query", word).queryParam("limit", 1), null);
        assertEquals(List.of(strong.toString()), first.getList("items.id"));
        JsonPath second = page(spec -> spec.queryParam("query", word).queryParam("limit", 1), first.getString("nextCursor"));
        assertEquals(List.of(weak.toString()), second.getList("items.id"));
        assertEquals(null, second.getString("nextCursor"));
    }

    @Test
    void filtersByKindAndPriceRange() {
        String category = uniqueCategory();
        create(category, "Cheap", 100, 5);
        UUID middle = create(category, "Middle", 500, 5);
        create(category, "Dear", 900, 5);
        Map<String, Object> course = TestProducts.body("Course", 500, 5);
        course.put("category", category);
        course.put("kind", "course");
        TestProducts.create(course);
        JsonPath page = page(spec -> spec.queryParam("category", category).queryParam("kind", "physical")
                .queryParam("minPriceCents", 200).queryParam("maxPriceCents", 600), null);
        assertEquals(List.of(middle.toString()), page.getList("items.id"));
    }

    @Test
    void itemsCarryAvailability() {
        String category = uniqueCategory();
        UUID out = create(category, "Out", 100, 0);
        UUID low = create(category, "Low", 100, 3);
        UUID plenty = create(category, "Plenty", 100, 50);
        JsonPath page = page(spec -> spec.queryParam("category", category), null);
        assertEquals("out_of_stock", status(page, out));
        assertEquals("low", status(page, low));
        assertEquals("in_stock", status(page, plenty));
        assertEquals(50, page.getInt("items.find { it.id == '" + plenty + "' }.availability.available"));
    }

    @Test
    void inactiveAndDeletedProductsAreHiddenFromCustomers() {
        String category = uniqueCategory();
        UUID live = create(category, "Live", 100, 5);
        UUID inactive = create(category, "Inactive", 100, 5);
        UUID deleted = create(category, "Deleted", 100, 5);
        given().header("Authorization", MANAGER.bearer()).contentType("application/json").body(Map.of("active", false))
                .when().patch("/api/v1/products/" + inactive).then().statusCode(200);
        given().header("Authorization", MANAGER.bearer()).when().delete("/api/v1/products/" + deleted).then().statusCode(204);

        assertEquals(List.of(live.toString()), page(spec -> spec.queryParam("category", category), null).getList("items.id"));
        List<String> staffView = given().header("Authorization", MANAGER.bearer())
                .queryParam("category", category).queryParam("includeInactive", true)
                .when().get("/api/v1/products").then().statusCode(200).extract().path("items.id");
        assertEquals(new HashSet<>(List.of(live.toString(), inactive.toString())), new HashSet<>(staffView));
    }

    @Test
    void customerCannotAskForInactiveProducts() {
        detailedProblem(given().header("Authorization", TestAccounts.customer().bearer()).queryParam("includeInactive", true)
                .when().get("/api/v1/products").then(), 403, "forbidden");
    }

    @Test
    void limitAboveTheCapIsAValidationProblem() {
        detailedProblem(given().queryParam("limit", 101).when().get("/api/v1/products").then(), 400, "validation");
        detailedProblem(given().queryParam("limit", 0).when().get("/api/v1/products").then(), 400, "validation");
    }

    @Test
    void unknownSortIsAValidationProblem() {
        detailedProblem(given().queryParam("sort", "cheapest").when().get("/api/v1/products").then(), 400, "validation");
    }

    @Test
    void relevanceWithoutQueryIsAProblem() {
        detailedProblem(given().queryParam("sort", "relevance").when().get("/api/v1/products").then(), 400, "query-required");
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String category = uniqueCategory();
        create(category, "A", 100, 5);
        create(category, "B", 200, 5);
        String cursor = page(spec -> spec.queryParam("category", category).queryParam("limit", 1), null).getString("nextCursor");
        detailedProblem(given().queryParam("category", category).queryParam("sort", "price_asc").queryParam("cursor", cursor)
                .when().get("/api/v1/products").then(), 400, "invalid-cursor");
        detailedProblem(given().queryParam("cursor", "garbage!").when().get("/api/v1/products").then(), 400, "invalid-cursor");
    }

    @Test
    void lastPageHasNoCursor() {
        String category = uniqueCategory();
        create(category, "Only", 100, 5);
        given().queryParam("category", category).when().get("/api/v1/products")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items[0].category", equalTo(category));
    }

    private static List<Integer> allPrices(String category, String sort) {
        List<Integer> prices = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(spec -> spec.queryParam("category", category).queryParam("sort", sort).queryParam("limit", 2), cursor);
            prices.addAll(page.getList("items.priceCents"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return prices;
    }

    private static JsonPath page(UnaryOperator<RequestSpecification> params, String cursor) {
        RequestSpecification spec = params.apply(given());
        if (cursor != null) {
            spec.queryParam("cursor", cursor);
        }
        return spec.when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
    }

    private static String status(JsonPath page, UUID id) {
        return page.getString("items.find { it.id == '" + id + "' }.availability.status");
    }

    private static UUID create(String category, String name, long priceCents, int stock) {
        Map<String, Object> body = TestProducts.body(name, priceCents, stock);
        body.put("category", category);
        return TestProducts.create(body);
    }

    private static String uniqueCategory() {
        return "cat-" + UUID.randomUUID();
    }
}
