package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Checkouts.Placed;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Checkouts.line;
import static io.orderflow.support.Problems.PROBLEMS;
import static io.orderflow.support.TestProducts.levels;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CheckoutTest {

    @Test
    void paidCheckoutConfirmsTheOrderAndSellsTheStock() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(10, 1250);
        UUID ebook = TestProducts.digital(300);
        Map<String, Object> body = new HashMap<>(Checkouts.body(buyer, buyer.visaCardId(), List.of(line(product, 2), line(ebook, 1))));
        body.put("totalCents", 1);
        body.put("status", "delivered");

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertEquals(201, response.statusCode(), response.asString());
        assertEquals("confirmed", response.path("status"));
        assertEquals(2800, (int) response.path("subtotalCents"));
        assertEquals(0, (int) response.path("shippingCents"));
        assertEquals(0, (int) response.path("taxCents"));
        assertEquals(2800, (int) response.path("totalCents"));
        assertEquals("USD", response.path("currency"));
        assertEquals(2, (int) response.path("items.size()"));
        assertEquals("succeeded", response.path("payment.status"));
        String order = response.path("id");
        assertEquals("confirmed", Checkouts.status(order));
        assertEquals("succeeded", Sql.value("SELECT status FROM payments WHERE order_id = ?::uuid", order));
        assertEquals("8|0|8", levels(product));
        assertEquals("-2", Sql.value("SELECT sum(quantity_change) FROM inventory_transactions WHERE order_id = ?::uuid AND type = 'sale'", order));
        assertEquals(2, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'order' AND entity_id = ?::uuid", order));
        assertEquals(2, Sql.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'payment' AND entity_id = "
                + "(SELECT id FROM payments WHERE order_id = ?::uuid)", order));
    }

    @Test
    void missingIdempotencyKeyAnswers400() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        given().header("Authorization", buyer.bearer()).contentType(ContentType.JSON)
                .body(Checkouts.body(buyer, product, 1, buyer.visaCardId()))
                .when().post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "validation"));
        assertEquals("5|0|5", levels(product));
    }

    @Test
    void signedOutCheckoutAnswers401() {
        given().header("Idempotency-Key", "k").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/orders")
                .then().statusCode(401);
    }

    @Test
    void shortStockAnswers409ListingTheLinesAndReservesNothing() {
        Account buyer = TestAccounts.customer();
        UUID plenty = TestProducts.stocked(10, 100);
        UUID scarce = TestProducts.stocked(1, 100);
        Map<String, Object> body = Checkouts.body(buyer, buyer.visaCardId(), List.of(line(plenty, 2), line(scarce, 3)));

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertEquals(409, response.statusCode(), response.asString());
        assertEquals(PROBLEMS + "out-of-stock", response.path("type"));
        assertEquals(List.of(scarce.toString()), response.path("lines.productId"));
        assertEquals(1, (int) response.path("lines[0].available"));
        assertEquals("10|0|10", levels(plenty));
        assertEquals("1|0|1", levels(scarce));
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void unknownProductAnswers422AndCreatesNothing() {
        Account buyer = TestAccounts.customer();
        UUID unknown = UUID.randomUUID();

        ExtractableResponse<Response> response = Checkouts.buy(buyer, unknown, 1, buyer.visaCardId());

        assertEquals(422, response.statusCode());
        assertEquals(PROBLEMS + "unknown-products", response.path("type"));
        assertEquals(List.of(unknown.toString()), response.path("productIds"));
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 101, 2_147_483_648L})
    void outOfRangeQuantityAnswers400AndChangesNothing(long quantity) {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        Map<String, Object> body = Checkouts.body(buyer, buyer.visaCardId(), List.of(line(product, quantity)));

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("5|0|5", levels(product));
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void theSameProductTwiceAnswers400() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        Map<String, Object> body = Checkouts.body(buyer, buyer.visaCardId(), List.of(line(product, 1), line(product, 2)));

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertEquals(400, response.statusCode());
        assertEquals("distinctProducts", response.path("errors[0].field"));
        assertEquals("5|0|5", levels(product));
    }

    @Test
    void someoneElsesAddressAnswers422AndChangesNothing() {
        Account buyer = TestAccounts.customer();
        Account other = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        Map<String, Object> body = new HashMap<>(Checkouts.body(buyer, product, 1, buyer.visaCardId()));
        body.put("shippingAddressId", other.addressId());

        ExtractableResponse<Response> response = Checkouts.place(buyer, UUID.randomUUID().toString(), body);

        assertRefusedLeavingTheStock(response, 422, "unknown-address", product);
        assertEquals(0, Checkouts.ordersOf(buyer));
    }

    @Test
    void someoneElsesCardAnswers422AndChangesNothing() {
        Account buyer = TestAccounts.customer();
        Account other = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);

        ExtractableResponse<Response> response = Checkouts.buy(buyer, product, 1, other.visaCardId());

        assertRefusedLeavingTheStock(response, 422, "unknown-payment-method", product);
        assertEquals(0, Checkouts.paymentsOf(buyer));
    }

    @Test
    void declinedCardKeepsTheReservationAndAnswers402WithTheOrderId() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);

        ExtractableResponse<Response> response = Checkouts.buy(buyer, product, 2, buyer.declinedCardId());

        assertFailedAttemptLeftThePendingOrder(response, 402, "payment-declined", "card_declined");
        assertEquals("card_declined", response.path("reason"));
        assertEquals("5|2|3", levels(product));
    }

    @Test
    void declineThenRetryWithAGoodCardConfirms() {
        Placed placed = Checkouts.declinedOrder(2);
        String order = placed.id();

        Checkouts.pay(placed.buyer(), order, placed.buyer().visaCardId())
                .then().statusCode(200).body("status", equalTo("confirmed")).body("payment.status", equalTo("succeeded"));

        assertEquals("3|0|3", levels(placed.product()));
        assertEquals("failed,succeeded", Sql.value("SELECT string_agg(status, ',' ORDER BY attempted_at) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void paymentOfAConfirmedOrderAnswers409() {
        Placed placed = Checkouts.paidOrder(1);
        String order = placed.id();

        Checkouts.pay(placed.buyer(), order, placed.buyer().visaCardId())
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "order-not-payable"));

        assertEquals(1, Sql.count("SELECT count(*) FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void gatewayThatStaysDownFailsTheAttemptWith503AndKeepsTheReservation() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);

        ExtractableResponse<Response> response = Checkouts.buy(buyer, product, 1, Checkouts.processingErrorCard(buyer));

        assertFailedAttemptLeftThePendingOrder(response, 503, "payment-unavailable", "processing_error");
        assertEquals("5|1|4", levels(product));
    }

    @Test
    void configuredShippingAndTaxAreZeroByDefault() {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 999);

        ExtractableResponse<Response> response = Checkouts.buy(buyer, product, 3, buyer.visaCardId());

        assertEquals(2997, (int) response.path("totalCents"));
        assertEquals("2997|0|0|2997", Sql.value("SELECT subtotal_cents || '|' || shipping_cents || '|' || tax_cents || '|' || total_cents FROM orders WHERE id = ?::uuid",
                (String) response.path("id")));
    }

    @Test
    void theOrderKeepsItsAddressesAsTheyWereWhenPlaced() {
        Account buyer = TestAccounts.customer();
        String order = Checkouts.paid(buyer, TestProducts.stocked(5, 100), 1);
        String placedLine1 = Sql.value("SELECT line1 FROM user_addresses WHERE id = ?", buyer.addressId());

        given().header("Authorization", buyer.bearer()).contentType(ContentType.JSON).body(Map.of("line1", "9 Elsewhere Rd"))
                .when().patch("/api/v1/me/addresses/" + buyer.addressId())
                .then().statusCode(200);

        given().header("Authorization", buyer.bearer()).when().get("/api/v1/orders/" + order)
                .then().statusCode(200)
                .body("shippingAddress.line1", equalTo(placedLine1))
                .body("billingAddress.line1", equalTo(placedLine1))
                .body("shippingAddressId", equalTo(buyer.addressId().toString()));
    }

    /** The checkout was refused with {@code status} and {@code type}, and left the product's 5 units alone. */
    private static void assertRefusedLeavingTheStock(ExtractableResponse<Response> response, int status, String type, UUID product) {
        assertEquals(status, response.statusCode());
        assertEquals(PROBLEMS + type, response.path("type"));
        assertEquals("5|0|5", levels(product));
    }

    /** The attempt failed with {@code status} and {@code type}: the order stays PENDING with its payment FAILED for {@code reason}. */
    private static void assertFailedAttemptLeftThePendingOrder(ExtractableResponse<Response> response, int status, String type, String reason) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(PROBLEMS + type, response.path("type"));
        String order = response.path("orderId");
        assertEquals("pending", Checkouts.status(order));
        assertEquals("failed|" + reason, Sql.value("SELECT status || '|' || failure_reason FROM payments WHERE order_id = ?::uuid", order));
    }
}
