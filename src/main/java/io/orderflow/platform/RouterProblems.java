package io.orderflow.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Problem bodies for what is decided before any endpoint runs: a declared body over the
 * size limit, and a path no endpoint serves. Without these Vert.x answers in plain text.
 */
@ApplicationScoped
public class RouterProblems {

    private final long maxBodyBytes;

    RouterProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::rejectOversizedBody);
        router.route().order(Integer.MAX_VALUE).handler(context -> respond(context, 404, "not-found", "Not Found",
                "No endpoint serves " + context.request().method() + " " + context.request().path()));
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
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, context.request().path(),
                RequestIds.of(context.request()), null, Map.of());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
