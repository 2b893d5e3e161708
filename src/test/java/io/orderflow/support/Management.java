package io.orderflow.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests to the management interface (health, metrics), which has its own port, never the API's.
 * A {@code @QuarkusTest} finds the bound port in its configuration; the packaged jar of the *IT suite
 * binds a random one (failsafe sets ORDERFLOW_MANAGEMENT_PORT=0), read from the jar's log.
 */
public final class Management {

    /** Where the launcher of {@code @QuarkusIntegrationTest} sends the packaged jar's log. */
    private static final Path PACKAGED_LOG = Path.of("target", "quarkus.log");
    private static final Pattern LISTENING = Pattern.compile("Management interface listening on https?://[^:]*:(\\d+)");

    private Management() {
    }

    /** A request on the management port of the application under test. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    public static int port() {
        int inProcess = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(0);
        return inProcess > 0 ? inProcess : packagedPort();
    }

    /** The port the packaged jar logged last: the launcher starts each jar on a fresh log. */
    private static int packagedPort() {
        try {
            List<String> lines = Files.readAllLines(PACKAGED_LOG);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher listening = LISTENING.matcher(lines.get(i));
                if (listening.find()) {
                    return Integer.parseInt(listening.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No management port: cannot read " + PACKAGED_LOG, e);
        }
        throw new IllegalStateException("No management port: no 'Management interface listening on' line in " + PACKAGED_LOG);
    }
}
