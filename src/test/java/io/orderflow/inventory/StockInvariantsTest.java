package io.orderflow.inventory;

import io.orderflow.support.Invariants;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Stock adjustments keep the design's invariants for every product in the database. */
@QuarkusTest
class StockInvariantsTest {

    @Test
    void adjustmentsKeepOnHandEqualToTheLedgerEverywhere() {
        UUID id = TestProducts.create("Invariant", 100, 9);
        given().header("Authorization", TestAccounts.staff("employee").bearer())
                .contentType("application/json").body(Map.of("type", "count_variance", "quantityChange", -4))
                .when().post("/api/v1/inventory/" + id + "/adjustments").then().statusCode(200);
        Invariants.assertHold();
    }
}
