package io.orderflow.support;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Places orders over HTTP the way a client does. */
public final class Checkouts {

    private Checkouts() {
    }

    /** The body of POST /orders buying {@code quantity} of one product with the given card. */
    public static Map<String, Object> body(TestAccounts.Account buyer, UUID product, int quantity, UUID card) {
        return Map.of("items", List.of(Map.of("productId", product, "quantity", quantity)),
                "shippingAddressId", buyer.addressId(), "billingAddressId", buyer.addressId(), "paymentMethodId", card);
    }

    public static ExtractableResponse<Response> place(TestAccounts.Account buyer, String key, Object body) {
        return given().header("Authorization", buyer.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/orders")
                .then().extract();
    }

    public static ExtractableResponse<Response> buy(TestAccounts.Account buyer, UUID product, int quantity, UUID card) {
        return place(buyer, UUID.randomUUID().toString(), body(buyer, product, quantity, card));
    }

    /** A stored card whose charges fail transiently, every time. */
    public static UUID processingErrorCard(TestAccounts.Account owner) {
        return sandboxCard(owner, "processingError");
    }

    /** A stored sandbox card of the given test behaviour (the token's name without {@code tok_}, e.g. {@code captureTimeout}). */
    public static UUID sandboxCard(TestAccounts.Account owner, String behaviour) {
        UUID id = UUID.randomUUID();
        Sql.update("INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)"
                + " VALUES (?, ?, ?, '0119', 'visa', 12, 2034)", id, owner.id(), "pm_" + behaviour + "_" + id.toString().replace("-", ""));
        return id;
    }
}
