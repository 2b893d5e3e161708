package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A failure of PostgreSQL or Redis is answered 503 with Retry-After, not 500, through the test-only
 * endpoint that fails like them; {@link DatabaseDownTest} shows the same with PostgreSQL really gone.
 */
@QuarkusTest
class ServiceUnavailableTest {

    @ParameterizedTest
    @ValueSource(strings = {"connection-refused", "connection-closed", "pool-timeout", "admin-shutdown", "deadlock"})
    void infrastructureFailureIsServiceUnavailable(String how) {
        given().when().get("/test/fail/" + how)
                .then().statusCode(503)
                .header("Retry-After", "1")
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "service-unavailable"))
                .body("status", equalTo(503))
                .body("requestId", notNullValue())
                .body("errors", nullValue())
                .body(not(containsString("Connection")))
                .body(not(containsString("at io.")));
    }

    @Test
    void bugIsStillInternal() {
        given().when().get("/test/fail/bug")
                .then().statusCode(500)
                .header("Retry-After", nullValue())
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "internal"));
    }

    @Test
    void infrastructureFailureLogsOneWarningWithoutStackTrace() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger logger = Logger.getLogger(ProblemMapper.class.getName());
        logger.addHandler(capture);
        try {
            given().when().get("/test/fail/connection-refused").then().statusCode(503);
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, records.size(), () -> "records: " + records.stream().map(LogRecord::getMessage).toList());
        assertEquals(Level.WARNING.intValue(), records.get(0).getLevel().intValue());
        assertNull(records.get(0).getThrown());
    }
}
