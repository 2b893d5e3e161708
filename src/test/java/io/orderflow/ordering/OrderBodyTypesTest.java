package io.orderflow.ordering;

import io.orderflow.platform.Problem;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An order body with a value of the wrong type answers 400 naming the field, and places nothing. */
@QuarkusTest
class OrderBodyTypesTest {

    @Test
    void malformedProductIdNamesTheLineAndPlacesNothing() {
        TestAccounts.Account buyer = TestAccounts.customer();
        String body = "{\"items\": [{\"productId\": \"nope\", \"quantity\": \"two\"}], \"shippingAddressId\": \"" + buyer.addressId()
                + "\", \"billingAddressId\": \"" + buyer.addressId() + "\", \"paymentMethodId\": \"" + buyer.visaCardId() + "\"}";
        assertInvalid(Checkouts.place(buyer, UUID.randomUUID().toString(), body), "items[0].productId");
        assertNoOrders(buyer);
    }

    @Test
    void quantityBeyondAnIntegerNamesTheLineAndPlacesNothing() {
        TestAccounts.Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", product, "quantity", 99_999_999_999L)),
                "shippingAddressId", buyer.addressId(), "billingAddressId", buyer.addressId(), "paymentMethodId", buyer.visaCardId());
        assertInvalid(Checkouts.place(buyer, UUID.randomUUID().toString(), body), "items[0].quantity");
        assertNoOrders(buyer);
        assertEquals("0", Sql.value("SELECT quantity_reserved::text FROM inventory WHERE product_id = ?", product));
    }

    @Test
    void malformedAddressIdNamesTheFieldAndPlacesNothing() {
        TestAccounts.Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                "shippingAddressId", 42, "billingAddressId", buyer.addressId(), "paymentMethodId", buyer.visaCardId());
        assertInvalid(Checkouts.place(buyer, UUID.randomUUID().toString(), body), "shippingAddressId");
        assertNoOrders(buyer);
    }

    private static void assertInvalid(ExtractableResponse<Response> response, String field) {
        assertEquals(400, response.statusCode());
        assertTrue(response.contentType().startsWith(Problem.MEDIA_TYPE), response.contentType());
        JsonPath problem = response.jsonPath();
        assertEquals(Problem.TYPE_BASE + "validation", problem.getString("type"));
        assertEquals(List.of(field), problem.getList("errors.field"));
    }

    private static void assertNoOrders(TestAccounts.Account buyer) {
        assertEquals(0, Checkouts.ordersOf(buyer));
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_keys WHERE customer_id = ?", buyer.id()));
    }
}
