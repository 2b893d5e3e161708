package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
        problem(given().when().get("/api/v1/no-such-thing").then(), 404, "not-found");
        problem(given().when().get("/no-such-thing").then(), 404, "not-found");
    }

    @Test
    void aParameterOfTheWrongFormIsABadRequestNotAMissingPage() {
        problem(given().queryParam("limit", "abc").when().get("/api/v1/products").then(), 400, "invalid-parameter")
                .body("detail", containsString("wrong form"));
        problem(given().queryParam("from", "tomorrow").when().get("/api/v1/events").then(), 400, "invalid-parameter");
        problem(given().when().get("/api/v1/events/not-a-uuid").then(), 400, "invalid-parameter");
        problem(given().when().get("/api/v1/events/" + UUID.randomUUID()).then(), 404, "not-found");
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
        problem(given().contentType(ContentType.JSON).body(huge).when().post("/api/v1/ping").then(), 413, "body-too-large");
    }

    @Test
    void requestIdIsEchoed() {
        given().header("X-Request-Id", "abc-123").when().get("/api/v1/ping")
                .then().header("X-Request-Id", equalTo("abc-123"));
    }
}
