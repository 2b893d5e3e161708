package io.orderflow.conversation;

import io.orderflow.support.EventStream;
import io.orderflow.support.RedisUnreachable;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without Redis, rooms still work: posting, history, and live streams on the instance that took the post. */
@QuarkusTest
@TestProfile(RedisUnreachable.class)
class ConversationRedisDownTest {

    @TestHTTPResource("/api/v1/rooms/")
    URL rooms;

    @Test
    void postingHistoryTypingAndThisInstancesStreamsWorkWithoutRedis() throws Exception {
        Conversations.SupportRoom room = Conversations.supportRoom();
        try (EventStream stream = EventStream.open(rooms + room.id().toString() + "/stream", room.customer().bearer(), null).awaitOpen()) {
            String id = Conversations.say(Conversations.STAFF, room.id(), "Still here");

            assertEquals(id, JsonPath.from(stream.next("message", Duration.ofSeconds(10)).data()).getString("id"));
            given().header("Authorization", Conversations.STAFF.bearer()).when().post("/api/v1/rooms/" + room.id() + "/typing")
                    .then().statusCode(204);
            assertEquals(Conversations.STAFF.id().toString(),
                    JsonPath.from(stream.next("typing", Duration.ofSeconds(10)).data()).getString("userId"));
        }
        given().header("Authorization", room.customer().bearer()).when().get("/api/v1/rooms/" + room.id() + "/messages")
                .then().statusCode(200).body("items[0].body", equalTo("Still here"));
    }
}
