package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every error reaches the client as application/problem+json with a stable type, and never a stack trace.
 * Only endpoints of the packaged application are used, so {@link ProblemShapeIT} runs the same tests
 * against the jar; errors about request bodies are in {@link RequestBodyProblemTest}.
 */
@QuarkusTest
public class ProblemShapeTest {

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
    void wrongMethodIsAProblem() {
        given().when().delete("/api/v1/ping")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsAProblem() {
        String huge = "{\"name\": \"" + "x".repeat(300 * 1024) + "\", \"quantity\": 1}";
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/ping")
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
