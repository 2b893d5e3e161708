package io.orderflow.inventory;

import io.orderflow.support.OwnerDatabase;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The design's stock invariants, checked by SQL over every product in the database. */
@QuarkusTest
class StockInvariantsTest {

    private static final String ON_HAND_NOT_LEDGER = """
            SELECT i.product_id FROM inventory i
            LEFT JOIN (SELECT product_id, sum(quantity_change) AS total FROM inventory_transactions GROUP BY product_id) l
                   ON l.product_id = i.product_id
            WHERE i.quantity_on_hand <> coalesce(l.total, 0)""";

    private static final String RESERVED_NOT_RESERVATIONS = """
            SELECT i.product_id FROM inventory i
            LEFT JOIN (SELECT product_id, sum(quantity) AS total FROM reservations WHERE status = 'active' GROUP BY product_id) r
                   ON r.product_id = i.product_id
            WHERE i.quantity_reserved <> coalesce(r.total, 0)""";

    @Test
    void onHandEqualsTheLedgerSumForEveryProduct() throws SQLException {
        UUID id = TestProducts.create("Invariant", 100, 9);
        given().header("Authorization", TestAccounts.staff("employee").bearer())
                .contentType("application/json").body(Map.of("type", "count_variance", "quantityChange", -4))
                .when().post("/api/v1/inventory/" + id + "/adjustments").then().statusCode(200);
        assertEquals(List.of(), products(ON_HAND_NOT_LEDGER));
    }

    @Test
    void reservedEqualsActiveReservationsForEveryProduct() throws SQLException {
        assertEquals(List.of(), products(RESERVED_NOT_RESERVATIONS));
    }

    private static List<String> products(String sql) throws SQLException {
        List<String> broken = new ArrayList<>();
        try (Connection c = OwnerDatabase.owner(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                broken.add(r.getString(1));
            }
        }
        return broken;
    }
}
