package io.orderflow.platform;

import io.orderflow.support.PackagedJar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar, in the production profile, without its secrets: it exits with status 1 and one
 * message naming every missing setting, not just the first one configuration resolution met.
 */
class RequiredSettingsIT {

    @Test
    void startWithoutSecretsFailsNamingEachMissingSetting() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("ORDERFLOW_DB_PASSWORD", null);
        environment.put("ORDERFLOW_WEBHOOK_SECRET", null);
        environment.put("ORDERFLOW_JWT_GENERATE_KEYS", "false");
        environment.put("ORDERFLOW_JWT_PRIVATE_KEY", "no-such-dir/jwt-private.pem");
        environment.put("ORDERFLOW_JWT_PUBLIC_KEY", "no-such-dir/jwt-public.pem");

        PackagedJar server = PackagedJar.start(environment);
        assertEquals(1, server.exitCode(Duration.ofSeconds(60)), server.output());
        String log = server.output();
        for (String setting : List.of("ORDERFLOW_DB_PASSWORD", "ORDERFLOW_WEBHOOK_SECRET",
                "ORDERFLOW_JWT_PRIVATE_KEY", "ORDERFLOW_JWT_PUBLIC_KEY")) {
            assertTrue(log.lines().anyMatch(line -> line.contains("orderflow cannot start: missing required settings")
                    && line.contains(setting)), "no start refusal naming " + setting + " in:\n" + log);
        }
    }
}
