package io.orderflow.platform;

import io.orderflow.support.Management;
import io.orderflow.support.RedisUnreachable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(RedisUnreachable.class)
class RedisDownReadinessTest {

    @Test
    void readinessIsDownWhenRedisIsUnreachable() {
        Management.given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"));
    }
}
