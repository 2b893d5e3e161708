package io.orderflow.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The production jar as an operator starts it ({@code java -jar quarkus-run.jar [command]}), for *IT
 * classes that test what happens before or instead of serving: the environment is the test JVM's (the
 * Makefile exports the local settings) with the given changes, a {@code null} value removing a variable.
 */
public final class PackagedJar {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path output;
    public final int port;

    private PackagedJar(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the jar with {@code PORT} and {@code ORDERFLOW_MANAGEMENT_PORT} set to free ports (both fixed:
     * one fixed and one random makes Micrometer hang at start); {@link #close()} stops it.
     */
    public static PackagedJar start(Map<String, String> environment, String... args) throws IOException {
        int port = freePort();
        Path output = Files.createTempFile("orderflow-jar", ".log");
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ORDERFLOW_MANAGEMENT_PORT", Integer.toString(freePort()));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new PackagedJar(builder.start(), output, port);
    }

    /** Waits for the process to exit on its own and answers its exit code. */
    public int exitCode(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            String output = output();
            close();
            fail("the jar did not exit within " + limit + "; output:\n" + output);
        }
        return process.exitValue();
    }

    /** Waits until GET /api/v1/ping answers 200, failing with the jar's output if it exits or takes too long. */
    public void awaitServing(Duration limit) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ping")).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the jar exited with " + process.exitValue() + " before serving; output:\n" + output());
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(100);
        }
        fail("the jar did not serve within " + limit + "; output:\n" + output());
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL) and deletes its output file. */
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
