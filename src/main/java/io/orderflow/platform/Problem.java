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

    /** One failing field of a validation error. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
