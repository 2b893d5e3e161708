package io.orderflow.ordering;

import io.orderflow.cart.CartService;
import io.orderflow.platform.RedisKeys;
import io.orderflow.support.Checkouts;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.TestProducts.levels;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CartCheckoutTest {

    @Inject
    RedisDataSource redis;

    @Test
    void checkingOutTheCartBuysItsLinesAndEmptiesIt() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 400);
        given().header("Authorization", buyer.bearer()).contentType(ContentType.JSON).body(Map.of("quantity", 3))
                .when().put("/api/v1/cart/items/" + product)
                .then().statusCode(200);

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), fromCart(buyer));

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals(1200, (int) response.path("totalCents"));
        assertEquals(3, (int) response.path("items[0].quantity"));
        assertEquals("2|0|2", levels(product));
        given().header("Authorization", buyer.bearer()).when().get("/api/v1/cart")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void anEmptyCartAnswers422() {
        Account buyer = TestAccounts.customer();

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), fromCart(buyer));

        assertEquals(422, response.statusCode());
        assertEquals("https://orderflow.io/problems/empty-cart", response.path("type"));
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void aCartOfMoreLinesThanAnOrderTakesAnswers422() {
        Account buyer = TestAccounts.customer();
        // A cart filled before carts were capped: written straight into Redis, past the cap PUT enforces.
        String key = RedisKeys.tagged("cart", "cart", "user:" + buyer.id());
        for (int i = 0; i <= CartService.MAX_LINES; i++) {
            redis.hash(String.class).hset(key, UUID.randomUUID().toString(),
                    "{\"quantity\":1,\"priceSeenCents\":100,\"currency\":\"USD\",\"addedAt\":\"2026-01-01T00:00:00Z\"}");
        }
        redis.key().expire(key, 600);

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), fromCart(buyer));

        assertEquals(422, response.statusCode(), response.asString());
        assertEquals("https://orderflow.io/problems/too-many-lines", response.path("type"));
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void itemsAndFromCartTogetherAnswer400() {
        Account buyer = TestAccounts.customer();
        Map<String, Object> body = new HashMap<>(Checkouts.body(buyer, TestProducts.stocked(5, 100), 1, buyer.visaCardId()));
        body.put("fromCart", true);

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertEquals(400, response.statusCode());
        assertEquals("itemsOrCart", response.path("errors[0].field"));
    }

    private static Map<String, Object> fromCart(Account buyer) {
        return Map.of("fromCart", true, "shippingAddressId", buyer.addressId(), "billingAddressId", buyer.addressId(),
                "paymentMethodId", buyer.visaCardId());
    }
}
