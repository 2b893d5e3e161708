package io.orderflow.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.orderflow.platform.security.StaleToken;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.DateTimeException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one place where failures become application/problem+json; no stack trace leaves the server. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** PostgreSQL's numeric_value_out_of_range: an integer column or sum would overflow. */
    private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpServerRequest request) {
        Response.ResponseBuilder response = builder(e.status(), e.type(), e.title(), e.getMessage(), request, null, e.properties());
        e.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return invalidFields(errors, request);
    }

    /**
     * A body Jackson could not read. Not JSON at all is {@code malformed-body}; JSON with a value that
     * does not fit its field (a string for a number, a malformed UUID, a number out of range) is a
     * {@code validation} problem naming the field by its JSON path, like a bean-validation failure.
     */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        Optional<Problem.FieldError> field = JsonFieldErrors.of(e);
        if (field.isPresent()) {
            return invalidFields(List.of(field.get()), request);
        }
        return builder(400, "malformed-body", "Malformed request body",
                "The body is not valid JSON of the expected shape: " + e.getOriginalMessage(), request, null, Map.of()).build();
    }

    /**
     * Quarkus REST lets a MismatchedInputException (InvalidFormatException, InvalidTypeIdException, ...)
     * through to its own mapper for that type (priority 5100), which answers 400 with an empty body outside
     * dev mode and is chosen over any mapper of a supertype; this one, for the same type at the default
     * priority (5000, which wins), replaces it. The other Jackson failures arrive wrapped in a 400
     * WebApplicationException, see {@link #web}.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        if (StaleToken.is(e)) {
            // A signed token issued before its user's role or active flag changed: its own type, so a client signs in again.
            return builder(401, "stale-token", "Unauthorized", e.getMessage(), request, null, Map.of())
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .build();
        }
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return builder(403, "forbidden", "Forbidden", "Your role may not do this", request, null, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        if (status == 404 && isParameterConversion(e.getCause())) {
            // Jakarta REST answers a query or path parameter it can't convert (limit=abc, a malformed UUID or date)
            // with a bare 404, as if the address did not exist; the client's input is what is wrong.
            return builder(400, "invalid-parameter", "Bad request",
                    "A query or path parameter has the wrong form: " + e.getCause().getMessage(), request, null, Map.of()).build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String type = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
        String detail = status >= 500 ? "The server could not handle the request" : e.getMessage();
        Response.ResponseBuilder response = builder(status, type, title, detail, request, null, Map.of());
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    /** A converter's failure (not a resource's own 404, which has no cause or a WebApplicationException one). */
    private static boolean isParameterConversion(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof DateTimeException;
    }

    /**
     * Whatever no other mapper claimed. A lost or refused PostgreSQL or Redis connection, a pool with no
     * free connection or a deadlock is the infrastructure's, not a bug: 503 with Retry-After, one WARN line.
     * A number PostgreSQL cannot hold (SQLSTATE 22003) is the request's: a backstop for bounds the
     * request DTOs should already enforce.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("Service unavailable on %s %s: %s", request.method(), request.path(),
                    String.valueOf(TransientFailures.transientCause(e)));
            return builder(503, "service-unavailable", "Service unavailable",
                    "A service this request needs is briefly unavailable; retry the request", request, null, Map.of())
                    .header("Retry-After", 1)
                    .build();
        }
        if (NUMERIC_VALUE_OUT_OF_RANGE.equals(sqlState(e))) {
            LOG.infof("Numeric value out of range on %s %s: %s", request.method(), request.path(), e.getMessage());
            return builder(400, "out-of-range", "Number out of range",
                    "A number in the request is too large for the value it changes", request, null, Map.of()).build();
        }
        LOG.errorf(e, "Unhandled failure on %s %s", request.method(), request.path());
        return builder(500, "internal", "Internal server error", "The server could not handle the request",
                request, null, Map.of()).build();
    }

    private static Response invalidFields(List<Problem.FieldError> errors, HttpServerRequest request) {
        return builder(400, "validation", "Invalid request", "The request has invalid fields", request, errors, Map.of()).build();
    }

    private Response unauthorized(HttpServerRequest request) {
        return builder(401, "unauthorized", "Unauthorized", "A valid bearer token is required", request, null, Map.of())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    static Response.ResponseBuilder builder(int status, String type, String title, String detail, HttpServerRequest request,
                                            List<Problem.FieldError> errors, Map<String, Object> extensions) {
        Problem problem = Problem.of(status, type, title, detail, request.path(), RequestIds.of(request), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** The JSON name of the failing field: a body property path ({@code items[0].quantity}) or a parameter name. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    property.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    property.append('[').append(node.getKey()).append(']');
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    property.append(property.length() > 0 ? "." : "").append(node.getName());
                }
            }
        }
        return property.length() > 0 ? property.toString() : parameter != null ? parameter : "body";
    }

    /** The SQLSTATE of the first database error among the causes of {@code e}, or null. */
    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database) {
                return database.getSqlState();
            }
        }
        return null;
    }
}
