package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every error reaches the client as application/problem+json with a stable type, and never a stack trace. */
@QuarkusTest
class ProblemShapeTest {

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/test/echo")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "malformed-body"))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("requestId", notNullValue())
                .body(not(containsString("at io.")));
    }

    @Test
    void validationProblemNamesTheFailingFields() {
        given().contentType(ContentType.JSON).body("{\"name\": \"\", \"quantity\": 11}")
                .when().post("/test/echo")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "validation"))
                .body("errors.field", hasItems("name", "quantity"));
    }

    @Test
    void unknownRouteIsAProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "not-found"));
        given().when().get("/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "not-found"));
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().contentType(ContentType.XML).body("<echo/>")
                .when().post("/test/echo")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "unsupported-media-type"));
    }

    @Test
    void wrongMethodIsAProblem() {
        given().when().delete("/api/v1/ping")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsAProblem() {
        String huge = "{\"name\": \"" + "x".repeat(300 * 1024) + "\", \"quantity\": 1}";
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/test/echo")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "body-too-large"));
    }

    @Test
    void requestIdIsEchoed() {
        given().header("X-Request-Id", "abc-123").when().get("/api/v1/ping")
                .then().header("X-Request-Id", equalTo("abc-123"));
    }
}
