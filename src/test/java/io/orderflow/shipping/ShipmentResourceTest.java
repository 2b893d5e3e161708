package io.orderflow.shipping;

import io.orderflow.platform.security.Roles;
import io.orderflow.support.Invariants;
import io.orderflow.support.PlacedOrders;
import io.orderflow.support.PlacedOrders.PlacedOrder;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ShipmentResourceTest {

    private final TestAccounts.Account employee = TestAccounts.staff(Roles.EMPLOYEE);

    @Test
    void staffShipsAConfirmedOrder() {
        PlacedOrder order = PlacedOrders.confirmed();
        String tracking = tracking();

        Response created = ship(employee, order.id(), Map.of("carrier", "ups", "trackingNumber", tracking, "estimatedDelivery", "2030-01-15"));

        String shipment = created.then().statusCode(201)
                .body("orderId", equalTo(order.id().toString()))
                .body("carrier", equalTo("ups"))
                .body("trackingNumber", equalTo(tracking))
                .body("estimatedDelivery", equalTo("2030-01-15"))
                .body("shippedAt", notNullValue())
                .body("deliveredAt", nullValue())
                .extract().path("id");
        created.then().header("Location", endsWith("/api/v1/shipments/" + shipment));
        assertEquals("shipped|shipped|undelivered", orderState(order.id()));
        assertEquals(List.of(shipment), shipmentIds(order.id()));
        assertEquals(List.of("update:shipped:" + employee.id()), auditTrail("order", order.id()));
        assertEquals(List.of("create:" + employee.id()), auditTrail("shipment", UUID.fromString(shipment)));
    }

    @Test
    void deliveryCompletesAShippedOrder() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");
        TestAccounts.Account manager = TestAccounts.staff(Roles.MANAGER);

        given().header("Authorization", manager.bearer()).post("/api/v1/shipments/" + shipment + "/delivered")
                .then().statusCode(200)
                .body("id", equalTo(shipment))
                .body("deliveredAt", notNullValue());

        assertEquals("delivered|shipped|delivered", orderState(order.id()));
        assertEquals("delivered", shipmentDelivery(UUID.fromString(shipment)));
        assertEquals(List.of("update:shipped:" + employee.id(), "update:delivered:" + manager.id()), auditTrail("order", order.id()));
        assertEquals(List.of("create:" + employee.id(), "update:" + manager.id()), auditTrail("shipment", UUID.fromString(shipment)));
        Invariants.assertHold();
    }

    @Test
    void shippingAPendingOrderIsRefusedAndChangesNothing() {
        PlacedOrder order = PlacedOrders.pending();

        shipUps(order.id()).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("status", equalTo(409))
                .body("orderStatus", equalTo("pending"))
                .body("orderId", equalTo(order.id().toString()));

        assertEquals("pending|unshipped|undelivered", orderState(order.id()));
        assertEquals(List.of(), shipmentIds(order.id()));
        assertEquals(List.of(), auditTrail("order", order.id()));
    }

    @Test
    void shippingTwiceIsRefusedAndKeepsTheFirstShipment() {
        PlacedOrder order = PlacedOrders.confirmed();
        String first = shipUps(order.id()).then().statusCode(201).extract().path("id");

        shipUps(order.id()).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "illegal-transition"));

        assertEquals(List.of(first), shipmentIds(order.id()));
        assertEquals(List.of("update:shipped:" + employee.id()), auditTrail("order", order.id()));
    }

    @Test
    void deliveringTwiceIsRefusedAndKeepsTheFirstDelivery() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");
        delivered(employee, shipment).then().statusCode(200);
        List<String> trail = auditTrail("order", order.id());

        delivered(employee, shipment).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "illegal-transition"));

        assertEquals(trail, auditTrail("order", order.id()));
        assertEquals(List.of("create:" + employee.id(), "update:" + employee.id()), auditTrail("shipment", UUID.fromString(shipment)));
    }

    @Test
    void deliveringForAConfirmedOrderIsRefusedAndChangesNothing() {
        PlacedOrder order = PlacedOrders.confirmed();
        UUID shipment = UUID.randomUUID();
        Sql.update("INSERT INTO shipments (id, order_id, carrier, tracking_number) VALUES (?, ?, 'dhl', ?)",
                shipment, order.id(), tracking());

        delivered(employee, shipment.toString()).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "illegal-transition"));

        assertEquals("confirmed|unshipped|undelivered", orderState(order.id()));
        assertEquals("undelivered", shipmentDelivery(shipment));
        assertEquals(List.of(), auditTrail("shipment", shipment));
    }

    @Test
    void duplicateTrackingNumberIsAConflictAndChangesNothing() {
        String tracking = tracking();
        ship(employee, PlacedOrders.confirmed().id(), Map.of("carrier", "fedex", "trackingNumber", tracking)).then().statusCode(201);
        PlacedOrder second = PlacedOrders.confirmed();

        ship(employee, second.id(), Map.of("carrier", "fedex", "trackingNumber", tracking)).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "duplicate-tracking-number"))
                .body("trackingNumber", equalTo(tracking));

        assertEquals("confirmed|unshipped|undelivered", orderState(second.id()));
        assertEquals(List.of(), shipmentIds(second.id()));
        assertEquals(List.of(), auditTrail("order", second.id()));
    }

    @Test
    void customerCannotShipEvenTheirOwnOrder() {
        PlacedOrder order = PlacedOrders.confirmed();

        ship(order.customer(), order.id(), Map.of("carrier", "usps", "trackingNumber", tracking())).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));

        assertEquals("confirmed|unshipped|undelivered", orderState(order.id()));
    }

    @Test
    void customerCannotRecordADelivery() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");

        delivered(order.customer(), shipment).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));

        assertEquals("shipped|shipped|undelivered", orderState(order.id()));
    }

    @Test
    void shippingNeedsASignedInCaller() {
        given().contentType(ContentType.JSON).body(Map.of("carrier", "usps", "trackingNumber", tracking()))
                .post("/api/v1/orders/" + UUID.randomUUID() + "/shipments")
                .then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "unauthorized"));
    }

    @Test
    void unknownOrderIsNotFound() {
        ship(employee, UUID.randomUUID(), Map.of("carrier", "usps", "trackingNumber", tracking())).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void unknownShipmentCannotBeDelivered() {
        delivered(employee, UUID.randomUUID().toString()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void unknownCarrierAndBlankTrackingNumberAreRejected() {
        PlacedOrder order = PlacedOrders.confirmed();

        ship(employee, order.id(), Map.of("carrier", "pigeon", "trackingNumber", " ")).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", contains("carrier", "trackingNumber"));

        assertEquals("confirmed|unshipped|undelivered", orderState(order.id()));
    }

    @Test
    void customerSeesTheShipmentOfTheirOrder() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");

        given().header("Authorization", order.customer().bearer()).get("/api/v1/shipments/" + shipment)
                .then().statusCode(200)
                .body("orderId", equalTo(order.id().toString()))
                .body("carrier", equalTo("ups"));
    }

    @Test
    void anotherCustomersShipmentIsNotFound() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");

        given().header("Authorization", TestAccounts.customer().bearer()).get("/api/v1/shipments/" + shipment)
                .then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void staffSeeAnyShipment() {
        PlacedOrder order = PlacedOrders.confirmed();
        String shipment = shipUps(order.id()).then().statusCode(201).extract().path("id");

        given().header("Authorization", TestAccounts.staff(Roles.ADMIN).bearer()).get("/api/v1/shipments/" + shipment)
                .then().statusCode(200)
                .body("id", equalTo(shipment));
    }

    @Test
    void shipmentEndpointsAreInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/orders/{id}/shipments'.post.responses.keySet()", hasItems("201", "400", "403", "404", "409"))
                .body("paths.'/api/v1/shipments/{id}/delivered'.post.responses.keySet()", hasItems("200", "403", "404", "409"))
                .body("paths.'/api/v1/shipments/{id}'.get.responses.keySet()", hasItems("200", "404"));
    }

    private Response shipUps(UUID orderId) {
        return ship(employee, orderId, Map.of("carrier", "ups", "trackingNumber", tracking()));
    }

    private static Response ship(TestAccounts.Account caller, UUID orderId, Map<String, String> body) {
        return given().header("Authorization", caller.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/orders/" + orderId + "/shipments");
    }

    private static Response delivered(TestAccounts.Account caller, String shipmentId) {
        return given().header("Authorization", caller.bearer()).post("/api/v1/shipments/" + shipmentId + "/delivered");
    }

    private static String tracking() {
        return "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    /** status|shipped or not|delivered or not, with the shipment's own timestamp checked against the order's. */
    private static String orderState(UUID orderId) {
        return Sql.value("""
                SELECT o.status
                       || '|' || CASE WHEN o.shipped_at IS NULL THEN 'unshipped'
                                      WHEN o.shipped_at = s.shipped_at THEN 'shipped' ELSE 'shipped-at-another-time' END
                       || '|' || CASE WHEN o.delivered_at IS NULL THEN 'undelivered'
                                      WHEN o.delivered_at = s.delivered_at THEN 'delivered' ELSE 'delivered-at-another-time' END
                FROM orders o LEFT JOIN shipments s ON s.order_id = o.id WHERE o.id = ?""", orderId);
    }

    private static String shipmentDelivery(UUID shipmentId) {
        return Sql.value("SELECT CASE WHEN delivered_at IS NULL THEN 'undelivered' ELSE 'delivered' END FROM shipments WHERE id = ?",
                shipmentId);
    }

    private static List<String> shipmentIds(UUID orderId) {
        return Sql.strings("SELECT id::text FROM shipments WHERE order_id = ?", orderId);
    }

    /** Each audit row of the entity, oldest first: action[:new status]:user. */
    private static List<String> auditTrail(String entityType, UUID entityId) {
        return Sql.strings("""
                SELECT action || coalesce(':' || (new_values ->> 'status'), '') || ':' || user_id
                FROM audit_logs WHERE entity_type = ? AND entity_id = ? ORDER BY created_at""", entityType, entityId);
    }
}
