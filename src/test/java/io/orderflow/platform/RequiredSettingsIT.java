package io.orderflow.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged jar, in the production profile, without its secrets: it exits with status 1 and one
 * message naming every missing setting, not just the first one configuration resolution met.
 */
class RequiredSettingsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Path OUTPUT = Path.of("target", "required-settings-it.log");

    @Test
    void startWithoutSecretsFailsNamingEachMissingSetting() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(OUTPUT.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of("ORDERFLOW_DB_PASSWORD", "ORDERFLOW_DB_OWNER_PASSWORD", "ORDERFLOW_WEBHOOK_SECRET"));
        env.put("ORDERFLOW_JWT_GENERATE_KEYS", "false");
        env.put("ORDERFLOW_JWT_PRIVATE_KEY", "no-such-dir/jwt-private.pem");
        env.put("ORDERFLOW_JWT_PUBLIC_KEY", "no-such-dir/jwt-public.pem");
        env.put("PORT", "0");
        env.put("ORDERFLOW_MANAGEMENT_PORT", "0");

        Process server = builder.start();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
            fail("the server started without its secrets:\n" + Files.readString(OUTPUT));
        }
        String log = Files.readString(OUTPUT);

        assertEquals(1, server.exitValue(), log);
        for (String setting : List.of("ORDERFLOW_DB_PASSWORD", "ORDERFLOW_DB_OWNER_PASSWORD", "ORDERFLOW_WEBHOOK_SECRET",
                "ORDERFLOW_JWT_PRIVATE_KEY", "ORDERFLOW_JWT_PUBLIC_KEY")) {
            assertTrue(log.lines().anyMatch(line -> line.contains("orderflow cannot start: missing required settings")
                    && line.contains(setting)), "no start refusal naming " + setting + " in:\n" + log);
        }
    }
}
