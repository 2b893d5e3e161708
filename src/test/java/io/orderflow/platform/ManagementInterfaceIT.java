package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;

/**
 * {@link ManagementInterfaceTest} against the packaged jar in the production profile, where Swagger UI
 * is off unless ORDERFLOW_SWAGGER_UI=true.
 */
@QuarkusIntegrationTest
class ManagementInterfaceIT extends ManagementInterfaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/swagger-ui", "/q/swagger-ui/"})
    void swaggerUiIsOffInProduction(String path) {
        given().redirects().follow(false).when().get(path).then().statusCode(404);
    }
}
