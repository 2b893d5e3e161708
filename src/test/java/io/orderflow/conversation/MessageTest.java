package io.orderflow.conversation;

import io.orderflow.conversation.Conversations.SupportRoom;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.detailedProblem;
import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MessageTest {

    private static long count(UUID room) {
        return Long.parseLong(Sql.value("SELECT count(*)::text FROM messages WHERE room_id = ?", room));
    }

    private static io.restassured.response.ValidatableResponse edit(Account caller, UUID room, String message, String body) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON).body(Map.of("body", body))
                .when().patch("/api/v1/rooms/" + room + "/messages/" + message).then();
    }

    private static io.restassured.response.ValidatableResponse delete(Account caller, UUID room, String message) {
        return given().header("Authorization", caller.bearer()).when().delete("/api/v1/rooms/" + room + "/messages/" + message).then();
    }

    @Test
    void theFirstMessageOnAnOrderMakesItsSupportRoomForTheCustomerAndStaffOnly() {
        SupportRoom room = Conversations.supportRoom();

        Conversations.room(room.customer(), room.id()).statusCode(200).body("type", equalTo("order-support"))
                .body("orderId", equalTo(room.orderId().toString())).body("role", equalTo("member")).body("unread", equalTo(0));
        Conversations.room(Conversations.STAFF, room.id()).statusCode(200).body("role", equalTo("moderator")).body("unread", equalTo(1));
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/orders/" + room.orderId() + "/support")
                .then().statusCode(200).body("id", equalTo(room.id().toString()));

        Account stranger = TestAccounts.customer();
        problem(Conversations.room(stranger, room.id()), 404, "not-found");
        problem(given().header("Authorization", stranger.bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages").then(), 404, "not-found");
        problem(Conversations.post(stranger, room.id(), UUID.randomUUID().toString(), Conversations.message("hi", null)), 404, "not-found");
        problem(Conversations.postOnOrder(stranger, room.orderId(), UUID.randomUUID().toString(), "hi"), 404, "not-found");
        problem(given().header("Authorization", stranger.bearer()).when().get("/api/v1/orders/" + room.orderId() + "/support").then(), 404, "not-found");
        assertEquals(1, count(room.id()), "nothing posted by a stranger");
    }

    @Test
    void theSameIdempotencyKeyPostsOnceEvenWhenRetriedConcurrently() throws Exception {
        SupportRoom room = Conversations.supportRoom();
        String key = UUID.randomUUID().toString();

        List<String> ids = Parallel.times(6, () -> Conversations.post(room.customer(), room.id(), key, Conversations.message("Sent twice?", null))
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id"));

        assertEquals(1, new HashSet<>(ids).size(), "every retry answers the one message");
        assertEquals(2, count(room.id()));
        Conversations.post(room.customer(), room.id(), key, Conversations.message("Sent twice?", null)).statusCode(200).body("id", equalTo(ids.get(0)));
        detailedProblem(Conversations.post(room.customer(), room.id(), key, Conversations.message("Something else", null)), 422, "idempotency-key-reused");
        problem(given().header("Authorization", room.customer().bearer()).contentType(ContentType.JSON).body(Conversations.message("no key", null))
                .when().post("/api/v1/rooms/" + room.id() + "/messages").then(), 400, "validation");
        assertEquals(2, count(room.id()));
    }

    @Test
    void badBodiesAreProblemsAndPostNothing() {
        SupportRoom room = Conversations.supportRoom();
        for (Object body : List.of(Conversations.message("", null), Conversations.message("   \n ", null), Conversations.message("a".repeat(4001), null),
                Conversations.message("bell\u0007", null), Conversations.message("nul\u0000", null), Map.of("replyTo", UUID.randomUUID().toString()))) {
            problem(Conversations.post(room.customer(), room.id(), UUID.randomUUID().toString(), body), 400, "validation")
                    .body("errors[0].field", equalTo("body"));
        }
        problem(Conversations.post(room.customer(), room.id(), UUID.randomUUID().toString(), "{\"body\": 5"), 400, "malformed-body");
        assertEquals(1, count(room.id()));

        String emoji = "\uD83D\uDE00".repeat(4000);
        Conversations.post(room.customer(), room.id(), UUID.randomUUID().toString(), Conversations.message(emoji, null))
                .statusCode(201).body("body", equalTo(emoji));
        Conversations.post(room.customer(), room.id(), UUID.randomUUID().toString(), Conversations.message("line one\r\n\tline two", null)).statusCode(201);
    }

    @Test
    void aReplyQuotesAMessageOfTheSameRoomOnly() {
        SupportRoom room = Conversations.supportRoom();
        SupportRoom other = Conversations.supportRoom();
        String question = Conversations.say(room.customer(), room.id(), "Question");
        String elsewhere = Conversations.say(other.customer(), other.id(), "Elsewhere");

        Conversations.post(Conversations.STAFF, room.id(), UUID.randomUUID().toString(), Conversations.message("Answer", question))
                .statusCode(201).body("replyTo", equalTo(question));
        detailedProblem(Conversations.post(Conversations.STAFF, room.id(), UUID.randomUUID().toString(), Conversations.message("Answer", elsewhere)),
                422, "unknown-reply");
        assertEquals(3, count(room.id()));
    }

    @Test
    void theAuthorEditsWithinTheWindowAndNobodyElseDoes() {
        SupportRoom room = Conversations.supportRoom();
        String message = Conversations.say(room.customer(), room.id(), "Typo hre");

        edit(room.customer(), room.id(), message, "Typo here").statusCode(200).body("body", equalTo("Typo here"))
                .body("editedAt", org.hamcrest.Matchers.notNullValue());
        detailedProblem(edit(Conversations.STAFF, room.id(), message, "Not yours"), 403, "not-message-author");
        problem(edit(room.customer(), room.id(), message, ""), 400, "validation");

        Sql.value("UPDATE messages SET created_at = now() - interval '16 minutes' WHERE id = ?::uuid RETURNING 1", message);
        detailedProblem(edit(room.customer(), room.id(), message, "Too late"), 409, "edit-window-closed");
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages?limit=1")
                .then().body("items[0].body", equalTo("Typo here"));
        problem(edit(room.customer(), room.id(), UUID.randomUUID().toString(), "No such"), 404, "not-found");
    }

    @Test
    void moderatorsDeleteAnyMessageMembersOnlyTheirOwnAndTheTextGoes() {
        SupportRoom room = Conversations.supportRoom();
        String staffMessage = Conversations.say(Conversations.STAFF, room.id(), "Please send a photo");
        String customerMessage = Conversations.say(room.customer(), room.id(), "Rude words");

        detailedProblem(delete(room.customer(), room.id(), staffMessage), 403, "not-message-author");
        delete(Conversations.STAFF, room.id(), customerMessage).statusCode(204);
        delete(Conversations.STAFF, room.id(), customerMessage).statusCode(204);
        delete(room.customer(), room.id(), Conversations.say(room.customer(), room.id(), "Oops")).statusCode(204);

        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages")
                .then().statusCode(200)
                .body("items.seq", contains(4, 3, 2, 1))
                .body("items[1].body", nullValue()).body("items[1].deletedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[2].body", equalTo("Please send a photo"));
        assertEquals("", Sql.value("SELECT coalesce(body, '') FROM messages WHERE id = ?::uuid", customerMessage));
        problem(edit(room.customer(), room.id(), customerMessage, "Back"), 409, "message-deleted");
    }

    @Test
    void unreadCountsFollowTheReadMarkWhichNeverMovesBack() {
        SupportRoom room = Conversations.supportRoom();
        String first = Conversations.say(room.customer(), room.id(), "two");
        String second = Conversations.say(room.customer(), room.id(), "three");
        Conversations.say(room.customer(), room.id(), "four");

        Conversations.room(Conversations.STAFF, room.id()).body("unread", equalTo(4)).body("lastSeq", equalTo(4));
        read(Conversations.STAFF, room.id(), second).statusCode(204);
        Conversations.room(Conversations.STAFF, room.id()).body("unread", equalTo(1));
        read(Conversations.STAFF, room.id(), first).statusCode(204);
        Conversations.room(Conversations.STAFF, room.id()).body("unread", equalTo(1));
        problem(read(Conversations.STAFF, room.id(), UUID.randomUUID().toString()), 404, "not-found");

        Conversations.say(Conversations.STAFF, room.id(), "answer");
        Conversations.room(Conversations.STAFF, room.id()).body("unread", equalTo(0));
        Conversations.room(room.customer(), room.id()).body("unread", equalTo(1));
        given().header("Authorization", Conversations.STAFF.bearer()).when().get("/api/v1/me/rooms?limit=100").then().statusCode(200)
                .body("items.find { it.id == '" + room.id() + "' }.unread", equalTo(0));
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/me/rooms").then().statusCode(200)
                .body("items.id", contains(room.id().toString())).body("items[0].unread", equalTo(1));
    }

    @Test
    void moderatorsArchiveARoomWhichStaysReadableAndTakesNoMorePosts() {
        SupportRoom room = Conversations.supportRoom();
        detailedProblem(given().header("Authorization", room.customer().bearer()).when().post("/api/v1/rooms/" + room.id() + "/archive").then(),
                403, "not-room-moderator");
        given().header("Authorization", Conversations.STAFF.bearer()).when().post("/api/v1/rooms/" + room.id() + "/archive")
                .then().statusCode(200).body("archivedAt", org.hamcrest.Matchers.notNullValue());

        detailedProblem(Conversations.post(room.customer(), room.id(), UUID.randomUUID().toString(), Conversations.message("More?", null)),
                409, "room-archived");
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages")
                .then().statusCode(200).body("items.body", contains("Hello"));
        assertEquals(1, count(room.id()));
    }

    @Test
    void staffWhoAreDemotedLoseTheRoomsTheyModeratedThroughTheirMemberRow() {
        SupportRoom room = Conversations.supportRoom();
        Account employee = TestAccounts.staff("employee");
        Conversations.say(employee, room.id(), "Looking into it");
        given().header("Authorization", TestAccounts.staff("admin").bearer()).contentType(ContentType.JSON).body(Map.of("role", "customer"))
                .when().patch("/api/v1/admin/users/" + employee.id()).then().statusCode(200);
        int version = Integer.parseInt(Sql.value("SELECT token_version::text FROM users WHERE id = ?::uuid", employee.id()));
        String token = Jwt.subject(employee.id().toString()).upn(employee.email()).groups(Set.of("customer"))
                .claim("ver", version).claim("jti", UUID.randomUUID().toString()).sign();
        Account demoted = new Account(employee.id(), employee.email(), "customer", token, null, null, null);

        problem(Conversations.room(demoted, room.id()), 404, "not-found");
        problem(given().header("Authorization", demoted.bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages").then(), 404, "not-found");
    }

    @Test
    void aMemberMutesAndUnmutesTheirOwnMembershipOnly() {
        SupportRoom room = Conversations.supportRoom();
        mute(room.customer(), room.id(), true).statusCode(200).body("muted", equalTo(true));
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/me/rooms").then()
                .body("items[0].muted", equalTo(true));
        Conversations.room(Conversations.STAFF, room.id()).body("muted", equalTo(false));
        mute(room.customer(), room.id(), false).statusCode(200).body("muted", equalTo(false));

        problem(mute(TestAccounts.customer(), room.id(), true), 404, "not-found");
        problem(given().header("Authorization", room.customer().bearer()).contentType(ContentType.JSON).body(Map.of())
                .when().patch("/api/v1/rooms/" + room.id() + "/membership").then(), 400, "validation");
    }

    private static io.restassured.response.ValidatableResponse mute(Account caller, UUID room, boolean muted) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON).body(Map.of("muted", muted))
                .when().patch("/api/v1/rooms/" + room + "/membership").then();
    }

    @Test
    void historyPagesBackwardsByBefore() {
        SupportRoom room = Conversations.supportRoom();
        for (int i = 2; i <= 5; i++) {
            Conversations.say(room.customer(), room.id(), "message " + i);
        }
        String next = given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages?limit=2")
                .then().statusCode(200).body("items.seq", contains(5, 4)).extract().path("nextCursor");
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages?limit=2&before=" + next)
                .then().statusCode(200).body("items.seq", contains(3, 2));
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages?limit=2&before=2")
                .then().statusCode(200).body("items.seq", contains(1)).body("nextCursor", nullValue());
        problem(given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages?before=x")
                .then(), 400, "invalid-parameter");
    }

    private static io.restassured.response.ValidatableResponse read(Account caller, UUID room, String message) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON).body(Map.of("messageId", message))
                .when().post("/api/v1/rooms/" + room + "/read").then();
    }
}
