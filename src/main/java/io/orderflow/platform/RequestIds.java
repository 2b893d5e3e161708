package io.orderflow.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is sane, a new one
 * otherwise. It is echoed in the response, in problem bodies and in audit rows.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        context.put(HEADER, id);
        context.request().headers().set(HEADER, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /** The id assigned to this request. */
    public static String of(HttpServerRequest request) {
        return request.getHeader(HEADER);
    }
}
