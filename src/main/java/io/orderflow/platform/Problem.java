package io.orderflow.platform;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem body. Registered for reflection because it is serialised from a
 * {@code Response} entity and by Vert.x, where a native build cannot see the type.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = Problem.SCHEMA_NAME, description = "An RFC 9457 problem: the body of every 4xx and 5xx response")
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://orderflow.io/problems/";
    public static final String SCHEMA_NAME = "Problem";

    /** The one way a problem body is built: {@code type} is the slug after {@link #TYPE_BASE}. */
    public static Problem of(int status, String type, String title, String detail, String path, String requestId,
                             List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem(TYPE_BASE + type, title, status, detail, path, requestId, errors, extensions);
    }

    /** The body of a domain failure, as {@code ProblemMapper} answers it and checkout stores it with its key. */
    public static Problem of(DomainException failure, String path, String requestId) {
        return of(failure.status(), failure.type(), failure.title(), failure.getMessage(), path, requestId, null, failure.properties());
    }

    /** One failing field of a validation error. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
