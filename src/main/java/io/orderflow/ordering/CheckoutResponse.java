package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.DomainException;
import io.orderflow.platform.Problem;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The final answer of an idempotent order request, as stored with its key and replayed
 * byte-for-byte in meaning: a status and a JSON body (an order, or a problem).
 */
public record CheckoutResponse(int status, JsonObject body) {

    static final int RETRY_AFTER_SECONDS = 2;

    static CheckoutResponse of(int status, OrderView order, ObjectMapper json) {
        return new CheckoutResponse(status, toJson(order, json));
    }

    /** The same problem body the ProblemMapper would write for {@code failure}. */
    static CheckoutResponse problem(DomainException failure, String path, String requestId, ObjectMapper json) {
        return new CheckoutResponse(failure.status(), toJson(Problem.of(failure, path, requestId), json));
    }

    /** A 503 says when to send the same request again (its key resumes the run). */
    Response toResponse() {
        Response.ResponseBuilder response = Response.status(status)
                .type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(body.encode());
        if (status == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    @SuppressWarnings("unchecked")
    private static JsonObject toJson(Object value, ObjectMapper json) {
        return new JsonObject(json.convertValue(value, Map.class));
    }
}
