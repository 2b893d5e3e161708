package io.orderflow.support;

import io.orderflow.support.TestAccounts.Account;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Places, pays and cancels orders over HTTP the way a client does, and reads back what that left in the database. */
public final class Checkouts {

    /** An order placed over HTTP: who bought, what, and the order's id. */
    public record Placed(Account buyer, UUID product, String id) {
    }

    private Checkouts() {
    }

    /** One line of an order body; the quantity is any JSON value, for tests of its validation. */
    public static Map<String, Object> line(UUID product, Object quantity) {
        return Map.of("productId", product, "quantity", quantity);
    }

    /** The body of POST /orders buying {@code lines}, shipped and billed to the buyer's address, paid with {@code card}. */
    public static Map<String, Object> body(Account buyer, UUID card, List<Map<String, Object>> lines) {
        return Map.of("items", lines, "shippingAddressId", buyer.addressId(), "billingAddressId", buyer.addressId(), "paymentMethodId", card);
    }

    /** The body of POST /orders buying {@code quantity} of one product with the given card. */
    public static Map<String, Object> body(Account buyer, UUID product, int quantity, UUID card) {
        return body(buyer, card, List.of(line(product, quantity)));
    }

    public static ExtractableResponse<Response> place(Account buyer, String key, Object body) {
        return given().header("Authorization", buyer.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/orders")
                .then().extract();
    }

    public static ExtractableResponse<Response> buy(Account buyer, UUID product, int quantity, UUID card) {
        return place(buyer, UUID.randomUUID().toString(), body(buyer, product, quantity, card));
    }

    /** Buys with the buyer's good card; the id of the CONFIRMED order. */
    public static String paid(Account buyer, UUID product, int quantity) {
        return buy(buyer, product, quantity, buyer.visaCardId()).path("id");
    }

    /** Buys with the buyer's declined card; the id of the PENDING order, whose units stay reserved. */
    public static String declined(Account buyer, UUID product, int quantity) {
        return buy(buyer, product, quantity, buyer.declinedCardId()).path("orderId");
    }

    /** A new customer's CONFIRMED order of {@code quantity} units of a new product (5 on hand at 100 cents). */
    public static Placed paidOrder(int quantity) {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        return new Placed(buyer, product, paid(buyer, product, quantity));
    }

    /** A new customer's PENDING order of {@code quantity} units of a new product (5 on hand at 100 cents), card declined. */
    public static Placed declinedOrder(int quantity) {
        Account buyer = TestAccounts.customer();
        UUID product = TestProducts.stocked(5, 100);
        return new Placed(buyer, product, declined(buyer, product, quantity));
    }

    /** The caller's payment of the order with {@code card}, under a new idempotency key. */
    public static Response pay(Account caller, String order, UUID card) {
        return given().header("Authorization", caller.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("paymentMethodId", card))
                .when().post("/api/v1/orders/" + order + "/payments");
    }

    public static Response cancel(Account caller, String order) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON)
                .when().post("/api/v1/orders/" + order + "/cancel");
    }

    /** The order's status as stored. */
    public static String status(String order) {
        return Sql.value("SELECT status FROM orders WHERE id = ?::uuid", order);
    }

    /** How many orders the customer has. */
    public static long ordersOf(Account customer) {
        return Sql.count("SELECT count(*) FROM orders WHERE customer_id = ?", customer.id());
    }

    /** How many payment attempts the customer's orders have. */
    public static long paymentsOf(Account customer) {
        return Sql.count("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = ?", customer.id());
    }

    /** Moves the order's reservation back in time so that it ran out a minute ago. */
    public static void expireReservation(String order) {
        expireReservation(order, "1 minute");
    }

    /** Moves the order's reservation back in time so that it ran out {@code ago} (an interval, e.g. {@code 2 minutes}). */
    public static void expireReservation(String order, String ago) {
        Sql.update("UPDATE reservations SET created_at = now() - interval '20 minutes', expires_at = now() - ?::interval"
                + " WHERE order_id = ?::uuid", ago, order);
    }

    /** A stored card whose charges fail transiently, every time. */
    public static UUID processingErrorCard(Account owner) {
        return sandboxCard(owner, "processingError");
    }

    /** A stored sandbox card of the given test behaviour (the token's name without {@code tok_}, e.g. {@code captureTimeout}). */
    public static UUID sandboxCard(Account owner, String behaviour) {
        UUID id = UUID.randomUUID();
        Sql.update("INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)"
                + " VALUES (?, ?, ?, '0119', 'visa', 12, 2034)", id, owner.id(), "pm_" + behaviour + "_" + id.toString().replace("-", ""));
        return id;
    }
}
