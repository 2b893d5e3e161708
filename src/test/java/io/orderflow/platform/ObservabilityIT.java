package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ObservabilityTest} against the packaged application, plus the access log, which
 * only the packaged application writes (tests turn it off): the launcher sends the jar's log to
 * target/quarkus.log.
 */
@QuarkusIntegrationTest
class ObservabilityIT extends ObservabilityTest {

    private static final Path LOG = Path.of("target", "quarkus.log");

    @Test
    void accessLogLineCarriesTheRequestId() throws IOException, InterruptedException {
        String requestId = "log-" + UUID.randomUUID();
        given().header(RequestIds.HEADER, requestId).when().get("/api/v1/ping").then().statusCode(200);

        String expected = "\"GET /api/v1/ping HTTP/1.1\" 200";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        boolean logged = false;
        while (!logged && Instant.now().isBefore(deadline)) {
            logged = Files.readAllLines(LOG).stream()
                    .anyMatch(line -> line.contains(expected) && line.endsWith("requestId=" + requestId));
            if (!logged) {
                Thread.sleep(100);
            }
        }
        assertTrue(logged, "no access-log line for request " + requestId + " in " + LOG);
    }
}
