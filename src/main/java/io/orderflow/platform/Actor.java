package io.orderflow.platform;

import io.vertx.core.http.HttpServerRequest;

import java.util.UUID;

/**
 * Who is doing something and from where, as recorded in audit rows. {@code userId} is null
 * for anonymous callers and scheduled jobs.
 */
public record Actor(UUID userId, String ipAddress, String userAgent, String requestId) {

    public static final Actor SYSTEM = new Actor(null, null, "orderflow-scheduler", null);

    public static Actor of(UUID userId, HttpServerRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > 512) {
            agent = agent.substring(0, 512);
        }
        return new Actor(userId, ClientAddresses.of(request.remoteAddress()), agent, RequestIds.of(request));
    }
}
