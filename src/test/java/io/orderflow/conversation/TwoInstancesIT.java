package io.orderflow.conversation;

import io.orderflow.support.EventStream;
import io.orderflow.support.PackagedJar;
import io.orderflow.support.ScratchDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two instances of the production jar on one database and one Redis: a message posted on one reaches a stream on the other. */
class TwoInstancesIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aMessagePostedOnOneInstanceReachesAStreamOpenOnTheOther() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create()) {
            assertEquals(0, PackagedJar.start(database.environment(), "migrate").exitCode(START));
            PackagedJar a = PackagedJar.start(database.environment());
            PackagedJar b = PackagedJar.start(database.environment());
            try {
                a.awaitServing(START);
                b.awaitServing(START);
                String token = adminToken(a);
                UUID room = roomOfTheAdmin(database);

                try (EventStream onB = EventStream.open(url(b, room) + "/stream", "Bearer " + token, null).awaitOpen();
                     EventStream onA = EventStream.open(url(a, room) + "/stream", "Bearer " + token, null).awaitOpen()) {
                    String posted = given().header("Authorization", "Bearer " + token).header("Idempotency-Key", UUID.randomUUID().toString())
                            .contentType(ContentType.JSON).body(Map.of("body", "Posted on A"))
                            .when().post(url(a, room) + "/messages").then().statusCode(201).extract().path("id");

                    for (EventStream stream : new EventStream[]{onB, onA}) {
                        EventStream.Event event = stream.next("message", WAIT);
                        assertEquals(posted, JsonPath.from(event.data()).getString("id"));
                        assertEquals("1", event.id());
                    }
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static String url(PackagedJar jar, UUID room) {
        return "http://127.0.0.1:" + jar.port + "/api/v1/rooms/" + room;
    }

    private static String adminToken(PackagedJar jar) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", System.getenv("ORDERFLOW_ADMIN_EMAIL"), "password", System.getenv("ORDERFLOW_ADMIN_PASSWORD")))
                .when().post("http://127.0.0.1:" + jar.port + "/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** A direct room whose one member is the first admin (no endpoint makes direct rooms yet). */
    private static UUID roomOfTheAdmin(ScratchDatabase database) throws Exception {
        try (Connection db = database.owner();
             PreparedStatement insert = db.prepareStatement("""
                     WITH room AS (INSERT INTO rooms (type, name) VALUES ('direct', 'Two instances') RETURNING id)
                     INSERT INTO room_members (room_id, user_id, role)
                     SELECT room.id, u.id, 'owner' FROM room, users u WHERE u.email = ?
                     RETURNING room_id""")) {
            insert.setString(1, System.getenv("ORDERFLOW_ADMIN_EMAIL"));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        }
    }
}
