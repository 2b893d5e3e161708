package io.orderflow.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure on well-formed JSON (a string for a number, a malformed UUID, a number
 * out of range) into the failing field, named by its JSON path as bean validation names it
 * ({@code items[0].productId}), with a message that names no Java type.
 */
final class JsonFieldErrors {

    private JsonFieldErrors() {
    }

    /** The field {@code e} failed on; empty when the JSON text itself is broken or the failure is the server's. */
    static Optional<Problem.FieldError> of(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || e instanceof InvalidDefinitionException || isSyntaxError(mapping)) {
            return Optional.empty();
        }
        return Optional.of(new Problem.FieldError(path(mapping), message(mapping)));
    }

    /**
     * Inside a field, Jackson wraps a failure of the parser with the field's path, so a syntax error
     * is told apart from a bad value by its cause; a number out of range also comes from the parser.
     */
    private static boolean isSyntaxError(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() > 0 ? path.toString() : "body";
    }

    private static String message(JsonMappingException e) {
        if (e.getCause() instanceof InputCoercionException coercion) {
            return outOfRange(coercion.getTargetType());
        }
        if (e.getCause() instanceof StreamConstraintsException) {
            return "is too long";
        }
        if (e instanceof InvalidTypeIdException) {
            return "names an unknown type";
        }
        if (e instanceof PropertyBindingException) {
            return "is not a known field";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String outOfRange(Class<?> type) {
        if (type == Integer.TYPE || type == Integer.class) {
            return "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == Long.TYPE || type == Long.class) {
            return "must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        if (type == Short.TYPE || type == Short.class) {
            return "must be between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE;
        }
        return "is out of range";
    }

    private static String expected(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Integer.TYPE || type == Integer.class || type == Long.TYPE || type == Long.class
                || type == Short.TYPE || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == Double.TYPE || type == Double.class || type == Float.TYPE || type == Float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.TYPE || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time such as 2026-12-31T23:59:59Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
