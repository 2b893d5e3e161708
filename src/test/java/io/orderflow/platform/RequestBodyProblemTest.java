package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Problems about request bodies, through the test-only echo endpoint. A value of the wrong JSON type
 * or out of range is a validation problem naming the field by its JSON path, as bean validation does;
 * only JSON that does not parse is malformed-body.
 */
@QuarkusTest
class RequestBodyProblemTest {

    @Test
    void malformedJsonIsAProblem() {
        problem(echo(ContentType.JSON, "{\"name\": "), 400, "malformed-body")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("requestId", notNullValue())
                .body(not(containsString("at io.")));
    }

    @Test
    void validationProblemNamesTheFailingFields() {
        problem(echo(ContentType.JSON, "{\"name\": \"\", \"quantity\": 11}"), 400, "validation")
                .body("errors.field", hasItems("name", "quantity"));
    }

    @Test
    void wrongContentTypeIsAProblem() {
        problem(echo(ContentType.XML, "<echo/>"), 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonInsideAFieldIsStillMalformed() {
        problem(echo(ContentType.JSON, "{\"name\": \"a\", \"quantity\": 1, \"lines\": [{\"productId\": }]}"), 400, "malformed-body");
    }

    @Test
    void stringForANumberNamesTheField() {
        invalid("{\"name\": \"a\", \"quantity\": \"two\"}", "quantity")
                .body("errors[0].message", equalTo("must be an integer"));
    }

    @Test
    void malformedUuidNamesItsJsonPath() {
        invalid("{\"name\": \"a\", \"quantity\": 1, \"lines\": [{\"productId\": \"7f8a5a5e-4b9f-4a35-9d6a-5a5c2f9a6b10\"},"
                + " {\"productId\": \"nope\", \"quantity\": 1}]}", "lines[1].productId")
                .body("errors[0].message", equalTo("must be a UUID"));
    }

    @Test
    void numberTooLargeForAnIntegerNamesTheField() {
        invalid("{\"name\": \"a\", \"quantity\": 99999999999}", "quantity")
                .body("errors[0].message", containsString("2147483647"));
        invalid("{\"name\": \"a\", \"quantity\": 1, \"lines\": [{\"quantity\": 99999999999}]}", "lines[0].quantity");
    }

    @Test
    void fractionForAWholeNumberNamesTheField() {
        invalid("{\"name\": \"a\", \"quantity\": 1, \"lines\": [{\"quantity\": 1.5}]}", "lines[0].quantity");
    }

    @Test
    void objectForAnArrayNamesTheField() {
        invalid("{\"name\": \"a\", \"quantity\": 1, \"lines\": {}}", "lines")
                .body("errors[0].message", equalTo("must be an array"));
    }

    @Test
    void unknownTypeIdNamesTheField() {
        invalid("{\"name\": \"a\", \"quantity\": 1, \"gift\": {\"kind\": \"voucher\"}}", "gift");
    }

    @Test
    void wrongTypeOfTheWholeBodyNamesTheBody() {
        invalid("[1, 2]", "body");
    }

    /** A 400 validation problem with exactly one failing field, and no Java type name in it. */
    private static ValidatableResponse invalid(String body, String field) {
        return problem(echo(ContentType.JSON, body), 400, "validation")
                .body("status", equalTo(400))
                .body("requestId", notNullValue())
                .body("errors.field", contains(field))
                .body(not(containsString("java.")))
                .body(not(containsString("io.orderflow")));
    }

    private static ValidatableResponse echo(ContentType contentType, String body) {
        return given().contentType(contentType).body(body).when().post("/test/echo").then();
    }
}
