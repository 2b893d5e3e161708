package io.orderflow.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The catalog and inventory endpoints are documented with their schemas and problem responses. */
@QuarkusTest
class CatalogOpenApiTest {

    @Test
    void catalogAndInventoryEndpointsAreDocumented() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/products"))
                .body("paths", hasKey("/api/v1/products/by-slug/{slug}"))
                .body("paths", hasKey("/api/v1/inventory/low-stock"))
                .body("paths", hasKey("/api/v1/inventory/{productId}/transactions"))
                .body("paths.'/api/v1/products/{id}'.get.responses.'304'", notNullValue())
                .body("paths.'/api/v1/products'.post.responses.'409'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/inventory/{productId}/adjustments'.post.responses.'409'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/inventory/{productId}'.get.responses.'403'.content.'application/problem+json'", notNullValue())
                .body("components.schemas.Product.properties.availability", notNullValue())
                .body("paths.'/api/v1/products'.get.parameters.find { it.name == 'sort' }.schema.enum.size()", equalTo(4));
    }
}
