package io.orderflow.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The identity endpoints are documented with their request and response schemas and error responses. */
@QuarkusTest
class OpenApiTest {

    @Test
    void identityEndpointsAreDocumentedWithSchemasAndErrors() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/auth/register'.post.requestBody.content.'application/json'.schema", notNullValue())
                .body("paths.'/api/v1/auth/register'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/auth/register'.post.responses.'201'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/UserView"))
                .body("paths.'/api/v1/auth/login'.post.responses", hasKey("429"))
                .body("paths.'/api/v1/auth/login'.post.responses.'401'.content.'application/problem+json'.schema", notNullValue())
                .body("paths.'/api/v1/auth/refresh'.post.responses", hasKey("401"))
                .body("paths.'/api/v1/auth/logout'.post.responses", hasKey("204"))
                .body("paths.'/api/v1/me'.patch.responses", hasKey("400"))
                .body("paths.'/api/v1/me/addresses/{id}'.delete.responses", hasKey("404"))
                .body("paths.'/api/v1/me/payment-methods'.post.requestBody.content.'application/json'.schema", notNullValue())
                .body("paths.'/api/v1/admin/users'.get.responses", hasKey("403"))
                .body("paths.'/api/v1/admin/users/{id}'.patch.responses", hasKey("404"))
                .body("components.schemas.UserView.properties", hasKey("email"))
                .body("components.schemas.UserView.properties.passwordHash", equalTo(null));
    }
}
