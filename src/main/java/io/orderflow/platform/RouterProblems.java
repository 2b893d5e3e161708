package io.orderflow.platform;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Problem bodies for what is decided before any endpoint runs: a request reaching an
 * instance that is stopping, a declared body over the size limit, and a path no endpoint
 * serves. Without these Vert.x answers in plain text.
 */
@ApplicationScoped
public class RouterProblems {

    private final long maxBodyBytes;
    private final Duration shutdownDelay;
    /** When this instance stops taking new requests; null until SIGTERM. */
    private volatile Instant refusingFrom;

    // Quarkus' own keys, read so these answers match what the HTTP server and the stop enforce.
    RouterProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                   @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseWhileStopping);
        router.route().order(Integer.MIN_VALUE + 2).handler(this::rejectOversizedBody);
        router.route().order(Integer.MAX_VALUE).handler(context -> respond(context, 404, "not-found", "Not Found",
                "No endpoint serves " + context.request().method() + " " + context.request().path()));
    }

    /**
     * Quarkus' graceful shutdown waits for the requests in flight but still serves new ones
     * (HTTP/1.1 only gets "Connection: close"), so under steady load the count never drops to
     * zero, the shutdown timeout expires and the checkouts then running are cut off between
     * reservation and payment. From SIGTERM (after quarkus.shutdown.delay, while a balancer
     * notices readiness DOWN) new requests get a 503 and those in flight finish.
     */
    void stopTakingRequests(@Observes ShutdownDelayInitiatedEvent stopping) {
        refusingFrom = Instant.now().plus(shutdownDelay);
    }

    private void refuseWhileStopping(RoutingContext context) {
        Instant from = refusingFrom;
        if (from != null && !Instant.now().isBefore(from)) {
            context.response().putHeader("Connection", "close").putHeader("Retry-After", "1");
            respond(context, 503, "service-unavailable", "Service unavailable",
                    "This instance is shutting down; retry the request");
            return;
        }
        context.next();
    }

    private void rejectOversizedBody(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBodyBytes) {
            context.response().putHeader("Connection", "close");
            respond(context, 413, "body-too-large", "Request body too large",
                    "The body may be at most " + maxBodyBytes + " bytes");
            return;
        }
        context.next();
    }

    private static void respond(RoutingContext context, int status, String type, String title, String detail) {
        Problem problem = Problem.of(status, type, title, detail, context.request().path(), RequestIds.of(context.request()), null, Map.of());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
