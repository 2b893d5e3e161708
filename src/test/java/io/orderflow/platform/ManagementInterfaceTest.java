package io.orderflow.platform;

import io.orderflow.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Health and metrics answer on the management port only, never on the public API port (OWASP API8);
 * the OpenAPI document stays on the API port, where mobile teams generate clients from it.
 * {@link ManagementInterfaceIT} runs the same against the packaged jar, and checks Swagger UI is off there.
 */
@QuarkusTest
public class ManagementInterfaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"})
    void operationalEndpointsAreNotOnTheApiPort(String path) {
        given().when().get(path).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"})
    void operationalEndpointsAnswerOnTheManagementPort(String path) {
        Management.given().when().get(path).then().statusCode(200);
    }

    @Test
    void openApiDocumentStaysOnTheApiPort() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("orderflow API"));
        Management.given().when().get("/q/openapi").then().statusCode(404);
    }
}
