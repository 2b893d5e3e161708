package io.orderflow.cart;

import io.orderflow.platform.Problem;
import io.orderflow.inventory.StockLine;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CartResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long DAY_SECONDS = 24 * 60 * 60;

    @Inject
    RedisDataSource redis;

    @Inject
    CartService carts;

    @Inject
    CartStore store;

    @Test
    void guestCreatesCartAndAddsALineWithPriceAndStock() {
        UUID product = TestProducts.stocked(7, 1999);
        String cart = newGuestCart();

        put(guest(cart), product, 2).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].productId", equalTo(product.toString()))
                .body("items[0].quantity", equalTo(2))
                .body("items[0].priceSeenCents", equalTo(1999))
                .body("items[0].currentPriceCents", equalTo(1999))
                .body("items[0].currency", equalTo("USD"))
                .body("items[0].priceChanged", equalTo(false))
                .body("items[0].forSale", equalTo(true))
                .body("items[0].availableQuantity", equalTo(7))
                .body("items[0].inStock", equalTo(true));
        guest(cart).get("/api/v1/cart").then().statusCode(200)
                .body("items.productId", contains(product.toString()))
                .body("items[0].quantity", equalTo(2));
    }

    @Test
    void puttingAnExistingLineSetsItsQuantity() {
        UUID product = TestProducts.stocked(20, 500);
        String cart = newGuestCart();
        put(guest(cart), product, 2).then().statusCode(200);

        put(guest(cart), product, 5).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].quantity", equalTo(5));
    }

    @Test
    void removingALineKeepsTheOthers() {
        UUID kept = TestProducts.stocked(20, 500);
        UUID removed = TestProducts.stocked(20, 700);
        String cart = newGuestCart();
        put(guest(cart), kept, 1).then().statusCode(200);
        put(guest(cart), removed, 1).then().statusCode(200);

        guest(cart).delete("/api/v1/cart/items/" + removed).then().statusCode(200)
                .body("items.productId", contains(kept.toString()));
    }

    @Test
    void clearingEmptiesTheCartAndKeepsItsId() {
        UUID product = TestProducts.stocked(20, 500);
        String cart = newGuestCart();
        put(guest(cart), product, 3).then().statusCode(200);

        guest(cart).delete("/api/v1/cart").then().statusCode(204);

        assertEmpty(cart);
        assertTrue(redis.key().exists(CartKey.guest(UUID.fromString(cart)).redisKey()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, -1})
    void quantityOutsideOneToTenIsRejectedAndChangesNothing(int quantity) {
        UUID product = TestProducts.stocked(20, 500);
        String cart = newGuestCart();

        problem(put(guest(cart), product, quantity).then(), 400, "validation")
                .body("errors.field", contains("quantity"));
        assertEmpty(cart);
    }

    @Test
    void missingQuantityIsRejected() {
        String cart = newGuestCart();

        guest(cart).contentType(ContentType.JSON).body("{}").put("/api/v1/cart/items/" + TestProducts.stocked(1, 500))
                .then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", contains("quantity"));
    }

    @Test
    void unknownProductIsNotFoundAndChangesNothing() {
        String cart = newGuestCart();

        problem(put(guest(cart), UUID.randomUUID(), 1).then(), 404, "not-found")
                .body("detail", equalTo("Product not found"));
        assertEmpty(cart);
    }

    @Test
    void inactiveProductCannotBeAdded() {
        UUID product = TestProducts.stocked(20, 500);
        deactivate(product);

        put(guest(newGuestCart()), product, 1).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void productDeactivatedAfterAddingShowsAsNotForSale() {
        UUID product = TestProducts.stocked(20, 500);
        String cart = newGuestCart();
        put(guest(cart), product, 1).then().statusCode(200);
        deactivate(product);

        guest(cart).get("/api/v1/cart").then().statusCode(200)
                .body("items[0].forSale", equalTo(false))
                .body("items[0].inStock", equalTo(false))
                .body("items[0].currentPriceCents", nullValue())
                .body("items[0].priceSeenCents", equalTo(500));
    }

    @Test
    void lineShorterOfStockIsShownOutOfStock() {
        UUID product = TestProducts.stocked(1, 500);
        String cart = newGuestCart();

        put(guest(cart), product, 3).then().statusCode(200)
                .body("items[0].availableQuantity", equalTo(1))
                .body("items[0].inStock", equalTo(false));
    }

    @Test
    void unknownGuestCartIsNotFoundAndNotCreated() {
        UUID unknown = UUID.randomUUID();
        UUID product = TestProducts.stocked(20, 500);

        guest(unknown.toString()).get("/api/v1/cart").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"))
                .body("detail", equalTo("Cart not found"));
        put(guest(unknown.toString()), product, 1).then().statusCode(404)
                .body("detail", equalTo("Cart not found"));
        assertFalse(redis.key().exists(CartKey.guest(unknown).redisKey()));
    }

    @Test
    void malformedGuestCartIdIsNotFound() {
        guest("not-a-cart").get("/api/v1/cart").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void guestWithoutCartIdIsToldToSendOne() {
        problem(given().get("/api/v1/cart").then(), 400, "cart-id-required");
    }

    @Test
    void lineKeepsThePriceSeenWhenThePriceChanges() {
        UUID product = TestProducts.stocked(20, 1000);
        String cart = newGuestCart();
        put(guest(cart), product, 1).then().statusCode(200);
        setPrice(product, 1200);

        guest(cart).get("/api/v1/cart").then().statusCode(200)
                .body("items[0].priceSeenCents", equalTo(1000))
                .body("items[0].currentPriceCents", equalTo(1200))
                .body("items[0].priceChanged", equalTo(true));
        put(guest(cart), product, 4).then().statusCode(200)
                .body("items[0].quantity", equalTo(4))
                .body("items[0].priceSeenCents", equalTo(1000));
    }

    @Test
    void newGuestCartLivesADay() {
        String cart = newGuestCart();

        assertLivesAboutADay(CartKey.guest(UUID.fromString(cart)).redisKey());
    }

    @Test
    void everyWriteRefreshesTheTtl() {
        UUID product = TestProducts.stocked(20, 500);
        String cart = newGuestCart();
        String key = CartKey.guest(UUID.fromString(cart)).redisKey();

        redis.key().expire(key, 60);
        put(guest(cart), product, 1).then().statusCode(200);
        assertLivesAboutADay(key);

        redis.key().expire(key, 60);
        guest(cart).delete("/api/v1/cart/items/" + product).then().statusCode(200);
        assertLivesAboutADay(key);

        redis.key().expire(key, 60);
        guest(cart).delete("/api/v1/cart").then().statusCode(204);
        assertLivesAboutADay(key);
    }

    @Test
    void customerCartIsKeyedByUserAndLivesADay() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(20, 500);

        put(signedIn(customer), product, 2).then().statusCode(200).body("items[0].quantity", equalTo(2));

        assertLivesAboutADay(CartKey.user(customer.id()).redisKey());
    }

    @Test
    void customerWithoutCartSeesAnEmptyOne() {
        signedIn(TestAccounts.customer()).get("/api/v1/cart").then().statusCode(200).body("items", empty());
    }

    @Test
    void customerCannotSeeAnotherCustomersCart() {
        TestAccounts.Account alice = TestAccounts.customer();
        TestAccounts.Account bob = TestAccounts.customer();
        UUID product = TestProducts.stocked(20, 500);
        put(signedIn(alice), product, 2).then().statusCode(200);

        signedIn(bob).get("/api/v1/cart").then().statusCode(200).body("items", empty());
        signedIn(alice).get("/api/v1/cart").then().statusCode(200).body("items.productId", contains(product.toString()));
    }

    @Test
    void aCartTakesAtMostFiftyLinesAndTheNextAnswers409() {
        String cart = newGuestCart();
        List<UUID> products = products(CartService.MAX_LINES + 1);
        for (UUID product : products.subList(0, CartService.MAX_LINES)) {
            put(guest(cart), product, 1).then().statusCode(200);
        }

        put(guest(cart), products.get(CartService.MAX_LINES), 1).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "cart-full"));

        put(guest(cart), products.get(0), 2).then().statusCode(200);
        guest(cart).get("/api/v1/cart").then().statusCode(200).body("items", hasSize(CartService.MAX_LINES));
    }

    @Test
    void aMergeLeavesOutGuestLinesPastFiftyAndStillAddsQuantities() {
        TestAccounts.Account customer = TestAccounts.customer();
        List<UUID> products = products(CartService.MAX_LINES + 1);
        for (UUID product : products.subList(0, CartService.MAX_LINES)) {
            put(signedIn(customer), product, 1).then().statusCode(200);
        }
        String cart = newGuestCart();
        put(guest(cart), products.get(0), 2).then().statusCode(200);
        put(guest(cart), products.get(CartService.MAX_LINES), 1).then().statusCode(200);

        signedIn(customer).header("X-Cart-Id", cart).get("/api/v1/cart").then().statusCode(200)
                .body("items", hasSize(CartService.MAX_LINES))
                .body("items.find { it.productId == '" + products.get(0) + "' }.quantity", equalTo(3));
        guest(cart).get("/api/v1/cart").then().statusCode(404);
    }

    @Test
    void signedInRequestWithGuestCartMergesItQuantitiesAddCappedAtTen() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID both = TestProducts.stocked(50, 500);
        UUID guestOnly = TestProducts.stocked(50, 700);
        put(signedIn(customer), both, 3).then().statusCode(200);
        String cart = newGuestCart();
        put(guest(cart), both, 9).then().statusCode(200);
        put(guest(cart), guestOnly, 4).then().statusCode(200);

        signedIn(customer).header("X-Cart-Id", cart).get("/api/v1/cart").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.productId == '" + both + "' }.quantity", equalTo(10))
                .body("items.find { it.productId == '" + guestOnly + "' }.quantity", equalTo(4));
        guest(cart).get("/api/v1/cart").then().statusCode(404);
        assertLivesAboutADay(CartKey.user(customer.id()).redisKey());
    }

    @Test
    void loginWithAGuestCartMergesItQuantitiesAddAndTheGuestCartIsGone() {
        String email = "cart-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";
        UUID userId = UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "firstName", "Ada", "lastName", "Lovelace"))
                .post("/api/v1/auth/register").then().statusCode(201).extract().path("id"));
        UUID product = TestProducts.stocked(50, 500);
        String firstToken = login(email, password, null);
        put(given().header("Authorization", "Bearer " + firstToken), product, 3).then().statusCode(200);
        String cart = newGuestCart();
        put(guest(cart), product, 4).then().statusCode(200);

        login(email, password, cart);

        assertEquals(List.of(new StockLine(product, 7)), carts.checkoutLines(userId).await().atMost(WAIT));
        assertGone(cart);
    }

    @Test
    void aMergeCutOffAfterTakingTheGuestCartAddsItsLinesWhenItRunsAgain() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(50, 500);
        put(signedIn(customer), product, 3).then().statusCode(200);
        String cart = newGuestCart();
        put(guest(cart), product, 4).then().statusCode(200);
        store.takeGuest(CartKey.guest(UUID.fromString(cart))).await().atMost(WAIT);

        signedIn(customer).header("X-Cart-Id", cart).get("/api/v1/cart").then().statusCode(200)
                .body("items.find { it.productId == '" + product + "' }.quantity", equalTo(7));
        assertGone(cart);
    }

    @Test
    void aMergeCutOffAfterAddingTheLinesAddsNothingTwiceWhenItRunsAgain() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(50, 500);
        put(signedIn(customer), product, 3).then().statusCode(200);
        String cart = newGuestCart();
        put(guest(cart), product, 4).then().statusCode(200);
        CartKey guestCart = CartKey.guest(UUID.fromString(cart));
        Map<String, String> taken = store.takeGuest(guestCart).await().atMost(WAIT).orElseThrow();
        store.addGuestLines(guestCart, CartKey.user(customer.id()), taken, CartService.MAX_QUANTITY, CartService.MAX_LINES)
                .await().atMost(WAIT);

        signedIn(customer).header("X-Cart-Id", cart).get("/api/v1/cart").then().statusCode(200)
                .body("items.find { it.productId == '" + product + "' }.quantity", equalTo(7));
        assertGone(cart);
    }

    @Test
    void mergeOfAnUnknownGuestCartChangesNothing() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(50, 500);
        put(signedIn(customer), product, 3).then().statusCode(200);

        carts.mergeGuestCart(customer.id(), UUID.randomUUID().toString()).await().atMost(WAIT);
        carts.mergeGuestCart(customer.id(), "not-a-cart").await().atMost(WAIT);

        assertEquals(List.of(new StockLine(product, 3)), carts.checkoutLines(customer.id()).await().atMost(WAIT));
    }

    @Test
    void checkoutLinesAreInProductOrderAndClearEmptiesThem() {
        TestAccounts.Account customer = TestAccounts.customer();
        UUID first = TestProducts.stocked(50, 500);
        UUID second = TestProducts.stocked(50, 700);
        put(signedIn(customer), first, 1).then().statusCode(200);
        put(signedIn(customer), second, 2).then().statusCode(200);

        List<StockLine> lines = carts.checkoutLines(customer.id()).await().atMost(WAIT);
        assertEquals(List.of(new StockLine(first, 1), new StockLine(second, 2)).stream()
                .sorted(Comparator.comparing(StockLine::productId)).toList(), lines);

        carts.clear(customer.id()).await().atMost(WAIT);
        assertEquals(List.of(), carts.checkoutLines(customer.id()).await().atMost(WAIT));
    }

    @Test
    void checkoutLinesOfACustomerWithoutCartAreEmpty() {
        assertEquals(List.of(), carts.checkoutLines(UUID.randomUUID()).await().atMost(WAIT));
    }

    @Test
    void cartEndpointsAreInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/cart'.keySet()", hasItems("post", "get", "delete"))
                .body("paths.'/api/v1/cart/items/{productId}'.keySet()", hasItems("put", "delete"))
                .body("paths.'/api/v1/cart/items/{productId}'.put.responses.keySet()", hasItems("200", "400", "404", "503"));
    }

    private static void setPrice(UUID product, long priceCents) {
        Sql.update("UPDATE products SET price_cents = ? WHERE id = ?", priceCents, product);
    }

    private static void deactivate(UUID product) {
        Sql.update("UPDATE products SET is_active = false WHERE id = ?", product);
    }

    /** Neither the guest cart nor what a merge set aside of it is left in Redis. */
    private void assertGone(String cart) {
        CartKey guestCart = CartKey.guest(UUID.fromString(cart));
        assertFalse(redis.key().exists(guestCart.redisKey()));
        assertFalse(redis.key().exists(guestCart.takenKey()));
    }

    private void assertLivesAboutADay(String key) {
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > DAY_SECONDS - 60 && ttl <= DAY_SECONDS, "TTL of " + key + " was " + ttl);
    }

    /** The guest cart exists and holds no line. */
    private static void assertEmpty(String cart) {
        guest(cart).get("/api/v1/cart").then().statusCode(200).body("items", empty());
    }

    private static List<UUID> products(int count) {
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(TestProducts.stocked(5, 100));
        }
        return products;
    }

    private static String newGuestCart() {
        return given().post("/api/v1/cart").then().statusCode(201)
                .extract().path("cartId");
    }

    private static RequestSpecification guest(String cartId) {
        return given().header("X-Cart-Id", cartId);
    }

    private static RequestSpecification signedIn(TestAccounts.Account account) {
        return given().header("Authorization", account.bearer());
    }

    private static Response put(RequestSpecification request, UUID product, int quantity) {
        return request.contentType(ContentType.JSON).body(Map.of("quantity", quantity)).put("/api/v1/cart/items/" + product);
    }

    private static String login(String email, String password, String guestCartId) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password));
        if (guestCartId != null) {
            request.header("X-Cart-Id", guestCartId);
        }
        return request.post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }
}
