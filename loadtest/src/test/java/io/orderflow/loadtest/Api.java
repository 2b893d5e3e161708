package io.orderflow.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * JSON calls made outside the measured load: setting up products, signing the admin in,
 * refreshing customers' tokens. They never show in Gatling's statistics.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer with a status nobody expected. */
    static final class UnexpectedAnswer extends RuntimeException {
        final int status;
        /** Seconds the server asked to wait (Retry-After of a 429 or 503), or 0. */
        final long retryAfter;

        UnexpectedAnswer(String call, int status, String body, long retryAfter) {
            super(call + " answered " + status + ": " + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode get(String path, String bearer) {
        return join(send("GET", path, bearer, null, Set.of(200)));
    }

    JsonNode post(String path, String bearer, Object body, Integer... expected) {
        return join(send("POST", path, bearer, body, Set.of(expected)));
    }

    CompletableFuture<JsonNode> send(String method, String path, String bearer, Object body, Set<Integer> expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("User-Agent", "orderflow-loadtest");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (!expected.contains(response.statusCode())) {
                long retryAfter = response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,4}"))
                        .map(Long::parseLong).orElse(0L);
                throw new UnexpectedAnswer(method + " " + path, response.statusCode(), response.body(), retryAfter);
            }
            return read(response.body());
        });
    }

    private static JsonNode join(CompletableFuture<JsonNode> answer) {
        try {
            return answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
