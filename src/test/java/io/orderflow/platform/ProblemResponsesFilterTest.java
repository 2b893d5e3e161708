package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** {@link ProblemResponsesFilter}: error responses are documented as problems without each resource saying so. */
@QuarkusTest
class ProblemResponsesFilterTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Test
    void everyErrorResponseOfEveryOperationIsAProblem() {
        JsonPath document = openApi();
        List<String> errorResponses = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Map<String, Map<String, Object>> responses = responsesOf(operation);
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    String where = method.toUpperCase() + " " + path + " " + status;
                    errorResponses.add(where);
                    if (!isOnlyAProblem(response)) {
                        notProblems.add(where + " -> " + response.get("content"));
                    }
                }
            });
        }));

        assertThat("error responses found", errorResponses.size(), greaterThan(100));
        assertThat(notProblems, empty());
    }

    @Test
    void problemSchemaIsInTheComponents() {
        Map<String, Object> properties = openApi().getMap("components.schemas.Problem.properties");
        assertThat(properties.keySet(), hasItems("type", "title", "status", "detail", "instance", "requestId", "errors"));
    }

    @Test
    void responsesBelow400KeepTheirOwnContent() {
        JsonPath document = openApi();
        assertThat(document.get("paths.'/api/v1/products/{id}'.get.responses.'304'.content"), nullValue());
        assertThat(document.get("paths.'/api/v1/products/{id}'.get.responses.'200'.content.'application/problem+json'"), nullValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> responsesOf(Map<String, Object> operation) {
        Object responses = operation.get("responses");
        return responses == null ? Map.of() : (Map<String, Map<String, Object>>) responses;
    }

    @SuppressWarnings("unchecked")
    private static boolean isOnlyAProblem(Map<String, Object> response) {
        Map<String, Map<String, Map<String, Object>>> content = (Map<String, Map<String, Map<String, Object>>>) response.get("content");
        return content != null && content.keySet().equals(Set.of(Problem.MEDIA_TYPE))
                && PROBLEM_REF.equals(content.get(Problem.MEDIA_TYPE).get("schema").get("$ref"));
    }

    private static JsonPath openApi() {
        return given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
    }
}
