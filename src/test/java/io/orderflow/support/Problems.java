package io.orderflow.support;

import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** What a client sees of an error: an application/problem+json body whose {@code type} names the problem. */
public final class Problems {

    /** The base of every problem {@code type}, as clients see it. */
    public static final String PROBLEMS = "https://orderflow.io/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The response has this status and is a problem of this type ({@code type} without the base). */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + type));
    }

    /** As {@link #problem}, and the body repeats the status and carries a detail. */
    public static ValidatableResponse detailedProblem(ValidatableResponse response, int status, String type) {
        return problem(response, status, type)
                .body("status", equalTo(status))
                .body("detail", notNullValue());
    }
}
