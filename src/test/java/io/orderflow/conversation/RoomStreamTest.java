package io.orderflow.conversation;

import io.orderflow.support.EventStream;
import io.orderflow.support.EventStream.Event;
import io.orderflow.support.Metrics;
import io.orderflow.support.Poll;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RoomStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAMS = "orderflow_conversation_streams{instance=\"test\"}";

    @TestHTTPResource("/api/v1/rooms/")
    URL rooms;

    private EventStream open(TestAccounts.Account caller, UUID room, String lastEventId) {
        return EventStream.open(rooms + room.toString() + "/stream", caller.bearer(), lastEventId);
    }

    @Test
    void aPostedMessageReachesEveryOpenStreamWithItsEventId() throws Exception {
        Conversations.SupportRoom room = Conversations.supportRoom();
        double openBefore = Metrics.value(STREAMS);
        try (EventStream customer = open(room.customer(), room.id(), null).awaitOpen();
             EventStream staff = open(Conversations.STAFF, room.id(), null).awaitOpen()) {
            assertEquals(openBefore + 2, Metrics.value(STREAMS));
            String id = Conversations.say(Conversations.STAFF, room.id(), "We are on it");

            for (EventStream stream : List.of(customer, staff)) {
                Event event = stream.next("message", WAIT);
                JsonPath message = JsonPath.from(event.data());
                assertEquals(id, message.getString("id"));
                assertEquals("We are on it", message.getString("body"));
                assertEquals(message.getString("eventId"), event.id());
            }
        }
        Poll.until(Duration.ofSeconds(10), "closed streams are no longer counted", () -> Metrics.value(STREAMS) == openBefore);
    }

    @Test
    void reconnectingWithLastEventIdReplaysWhatWasMissedOnceAndInOrderThenGoesOnLive() throws Exception {
        Conversations.SupportRoom room = Conversations.supportRoom();
        String seen;
        try (EventStream first = open(room.customer(), room.id(), null).awaitOpen()) {
            Conversations.say(Conversations.STAFF, room.id(), "one");
            seen = first.next("message", WAIT).id();
        }
        String edited = Conversations.say(Conversations.STAFF, room.id(), "two");
        Conversations.say(room.customer(), room.id(), "three");
        given().header("Authorization", Conversations.STAFF.bearer()).contentType(ContentType.JSON).body(Map.of("body", "two, edited"))
                .when().patch("/api/v1/rooms/" + room.id() + "/messages/" + edited).then().statusCode(200);

        try (EventStream again = open(room.customer(), room.id(), seen).awaitOpen()) {
            List<Event> replayed = again.drain(Duration.ofMillis(700)).stream().filter(event -> event.name().startsWith("message")).toList();
            assertEquals(List.of("three", "two, edited"), replayed.stream().map(event -> JsonPath.from(event.data()).getString("body")).toList(),
                    "each message once, in event order, in its latest state");
            assertEquals(List.of("message", "message-edited"), replayed.stream().map(Event::name).toList());
            long previous = Long.parseLong(seen);
            for (Event event : replayed) {
                assertTrue(Long.parseLong(event.id()) > previous, "ids increase");
                previous = Long.parseLong(event.id());
            }

            String live = Conversations.say(Conversations.STAFF, room.id(), "four");
            Event next = again.next("message", WAIT);
            assertEquals(live, JsonPath.from(next.data()).getString("id"));
            assertEquals(previous + 1, Long.parseLong(next.id()));
        }
    }

    @Test
    void readTypingAndPresenceReachTheRoom() throws Exception {
        Conversations.SupportRoom room = Conversations.supportRoom();
        try (EventStream customer = open(room.customer(), room.id(), null).awaitOpen()) {
            assertTrue(JsonPath.from(customer.next("presence", WAIT).data()).getList("online").contains(room.customer().id().toString()));
            try (EventStream staff = open(Conversations.STAFF, room.id(), null).awaitOpen()) {
                List<String> online = JsonPath.from(customer.next("presence", WAIT).data()).getList("online");
                assertTrue(online.containsAll(List.of(room.customer().id().toString(), Conversations.STAFF.id().toString())), online.toString());

                given().header("Authorization", Conversations.STAFF.bearer()).when().post("/api/v1/rooms/" + room.id() + "/typing")
                        .then().statusCode(204);
                assertEquals(Conversations.STAFF.id().toString(), JsonPath.from(customer.next("typing", WAIT).data()).getString("userId"));

                String message = Conversations.say(room.customer(), room.id(), "Where is it?");
                given().header("Authorization", Conversations.STAFF.bearer()).contentType(ContentType.JSON).body(Map.of("messageId", message))
                        .when().post("/api/v1/rooms/" + room.id() + "/read").then().statusCode(204);
                Event read = customer.next("read", WAIT);
                assertEquals(message, JsonPath.from(read.data()).getString("messageId"));
                assertTrue(Long.parseLong(read.id()) > 0, "a read event carries the stream's position as its id");
            }
            List<String> online = JsonPath.from(customer.next("presence", WAIT).data()).getList("online");
            assertEquals(List.of(room.customer().id().toString()), online, "staff left");
        }
    }

    @Test
    void aStreamOfSomeoneElsesRoomIs404ABadLastEventIdOrRoomId400AndNoToken401() {
        Conversations.SupportRoom room = Conversations.supportRoom();
        problem(given().header("Authorization", TestAccounts.customer().bearer()).accept("text/event-stream")
                .when().get("/api/v1/rooms/" + room.id() + "/stream").then(), 404, "not-found");
        problem(given().header("Authorization", room.customer().bearer()).header("Last-Event-ID", "abc").accept("text/event-stream")
                .when().get("/api/v1/rooms/" + room.id() + "/stream").then(), 400, "invalid-parameter");
        problem(given().header("Authorization", room.customer().bearer()).accept("text/event-stream")
                .when().get("/api/v1/rooms/not-a-uuid/stream").then(), 400, "invalid-parameter");
        problem(given().accept("text/event-stream").when().get("/api/v1/rooms/" + room.id() + "/stream").then(), 401, "unauthorized");
    }
}
