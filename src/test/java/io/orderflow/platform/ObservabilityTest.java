package io.orderflow.platform;

import io.orderflow.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * What operators rely on: request ids that tie a response, its problem body and its log line
 * together, and the generic metrics (HTTP server, connection pools) at /q/metrics on the management port.
 * {@link ObservabilityIT} runs the same against the packaged jar.
 */
@QuarkusTest
public class ObservabilityTest {

    @Test
    void requestWithoutIdGetsAGeneratedOne() {
        given().when().get("/api/v1/ping")
                .then().statusCode(200)
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        given().header(RequestIds.HEADER, "bad id\twith spaces").when().get("/api/v1/ping")
                .then().statusCode(200)
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void problemBodyCarriesTheRequestId() {
        String requestId = "obs-" + UUID.randomUUID();
        given().header(RequestIds.HEADER, requestId).when().get("/api/v1/no-such-thing-" + requestId)
                .then().statusCode(404)
                .header(RequestIds.HEADER, equalTo(requestId))
                .body("requestId", equalTo(requestId));
    }

    @Test
    void httpServerMetricsUseRouteTemplatesNotRawPaths() {
        String unknown = "/api/v1/no-such-thing-" + UUID.randomUUID();
        given().when().get("/api/v1/ping").then().statusCode(200);
        given().when().get(unknown).then().statusCode(404);

        Management.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{instance=\"test\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/ping\"}"))
                .body(not(containsString(unknown)));
    }

    @Test
    void connectionPoolMetricsAreExported() {
        Management.given().when().get("/q/health/ready").then().statusCode(200);

        Management.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("sql_pool_active{instance=\"test\",pool_name="))
                .body(containsString("redis_pool_active{instance=\"test\",pool_name="));
    }
}
