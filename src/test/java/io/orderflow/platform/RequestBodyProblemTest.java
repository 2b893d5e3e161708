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

/** Problems about request bodies, through the test-only echo endpoint. */
@QuarkusTest
class RequestBodyProblemTest {

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
    void wrongContentTypeIsAProblem() {
        given().contentType(ContentType.XML).body("<echo/>")
                .when().post("/test/echo")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "unsupported-media-type"));
    }
}
