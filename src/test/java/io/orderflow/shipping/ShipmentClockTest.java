package io.orderflow.shipping;

import io.orderflow.platform.security.Roles;
import io.orderflow.support.PlacedOrders;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shipping and delivery take their times from the database's clock, the one that stamped the
 * order's earlier times, so a JVM clock behind it can't break the timeline CHECKs into a 500.
 * A time read in the JVM before the transaction began is as good as a JVM clock behind the
 * database: it is earlier than the transaction's own now(), which the updated_at triggers write.
 */
@QuarkusTest
class ShipmentClockTest {

    private final TestAccounts.Account employee = TestAccounts.staff(Roles.EMPLOYEE);

    @Test
    void shippedAtIsTakenFromTheDatabaseClockWithinTheShippingTransaction() {
        UUID order = PlacedOrders.confirmed().id();

        ship(order);

        assertEquals("true|true|true", Sql.value("SELECT (o.shipped_at >= o.updated_at) || '|' || (o.shipped_at >= o.created_at)"
                + " || '|' || (s.shipped_at = o.shipped_at) FROM orders o JOIN shipments s ON s.order_id = o.id WHERE o.id = ?", order));
    }

    @Test
    void deliveredAtIsTakenFromTheDatabaseClockWithinTheDeliveryTransaction() {
        UUID order = PlacedOrders.confirmed().id();
        String shipment = ship(order);

        given().header("Authorization", employee.bearer()).post("/api/v1/shipments/" + shipment + "/delivered")
                .then().statusCode(200);

        assertEquals("true|true|true", Sql.value("SELECT (o.delivered_at >= o.updated_at) || '|' || (s.delivered_at = o.delivered_at)"
                + " || '|' || (s.delivered_at >= s.updated_at) FROM orders o JOIN shipments s ON s.order_id = o.id WHERE o.id = ?", order));
    }

    private String ship(UUID order) {
        return given().header("Authorization", employee.bearer()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "ups", "trackingNumber", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)))
                .post("/api/v1/orders/" + order + "/shipments")
                .then().statusCode(201)
                .extract().path("id");
    }
}
