package io.orderflow.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Products created through the API, each with a unique SKU, for tests of the catalog and of the modules that sell it. */
public final class TestProducts {

    private static final TestAccounts.Account MANAGER = TestAccounts.staff("manager");

    private TestProducts() {
    }

    /** The body of a valid physical product; tests change what they are about. */
    public static Map<String, Object> body(String name, long priceCents, int initialStock) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", "SKU-" + UUID.randomUUID());
        body.put("name", name);
        body.put("description", "A test product");
        body.put("category", "tests");
        body.put("kind", "physical");
        body.put("priceCents", priceCents);
        body.put("currency", "USD");
        body.put("initialStock", initialStock);
        return body;
    }

    /** Creates the product as a manager and answers its id. */
    public static UUID create(Map<String, Object> body) {
        String id = given().header("Authorization", MANAGER.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID create(String name, long priceCents, int initialStock) {
        return create(body(name, priceCents, initialStock));
    }
}
