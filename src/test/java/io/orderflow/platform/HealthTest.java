package io.orderflow.platform;

import io.orderflow.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Health, ping and the documentation endpoints; {@link HealthIT} runs the same against the packaged jar. */
@QuarkusTest
public class HealthTest {

    @Test
    void healthIsUpWithPostgresAndRedis() {
        Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Redis connection health check"));
    }

    @Test
    void pingAnswersStaticJson() {
        given().when().get("/api/v1/ping")
                .then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("orderflow API"));
        Management.given().when().get("/q/metrics").then().statusCode(200);
    }
}
