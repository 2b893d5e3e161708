package io.orderflow.conversation;

import io.orderflow.support.Checkouts;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Rooms and messages made through the API, as the apps make them. */
final class Conversations {

    static final Account STAFF = TestAccounts.staff("employee");

    /** An order's support room: its customer and the room's id, made by the customer's first message. */
    record SupportRoom(Account customer, UUID orderId, UUID id) {
    }

    private Conversations() {
    }

    static SupportRoom supportRoom() {
        Checkouts.Placed order = Checkouts.paidOrder(1);
        String roomId = postOnOrder(order.buyer(), UUID.fromString(order.id()), UUID.randomUUID().toString(), "Hello")
                .statusCode(201).extract().path("roomId");
        return new SupportRoom(order.buyer(), UUID.fromString(order.id()), UUID.fromString(roomId));
    }

    static ValidatableResponse postOnOrder(Account author, UUID orderId, String key, String body) {
        return given().header("Authorization", author.bearer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(message(body, null)).when().post("/api/v1/orders/" + orderId + "/support/messages").then();
    }

    static ValidatableResponse post(Account author, UUID roomId, String key, Object body) {
        return given().header("Authorization", author.bearer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/rooms/" + roomId + "/messages").then();
    }

    /** Posts {@code text} under a new key; the new message's id. */
    static String say(Account author, UUID roomId, String text) {
        return post(author, roomId, UUID.randomUUID().toString(), message(text, null)).statusCode(201).extract().path("id");
    }

    static Map<String, Object> message(String body, Object replyTo) {
        Map<String, Object> message = new HashMap<>();
        message.put("body", body);
        message.put("replyTo", replyTo);
        return message;
    }

    static ValidatableResponse room(Account caller, UUID roomId) {
        return given().header("Authorization", caller.bearer()).when().get("/api/v1/rooms/" + roomId).then();
    }
}
