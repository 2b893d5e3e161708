package io.orderflow.payment;

import io.orderflow.platform.security.Roles;
import io.orderflow.support.Checkouts;
import io.orderflow.support.GatewayLedger;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RefundTest {

    @Test
    void partialRefundsAddUpAndTheLastOneRefundsInFull() {
        String order = paidOrder(1000);
        Account manager = TestAccounts.staff(Roles.MANAGER);

        refund(manager, order, 300).then().statusCode(200)
                .body("payment.status", equalTo("succeeded")).body("payment.amountRefundedCents", equalTo(300));
        refund(manager, order, 700).then().statusCode(200)
                .body("payment.status", equalTo("refunded")).body("payment.amountRefundedCents", equalTo(1000))
                .body("status", equalTo("confirmed"));

        assertEquals("1000|2", Sql.value("SELECT sum(r.amount_cents) || '|' || count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
        Invariants.assertHold();
    }

    @Test
    void refundingMoreThanIsLeftAnswers422AndChangesNothing() {
        String order = paidOrder(1000);
        Account admin = TestAccounts.staff(Roles.ADMIN);
        refund(admin, order, 600).then().statusCode(200);

        refund(admin, order, 401).then().statusCode(422).body("type", equalTo(PROBLEMS + "refund-exceeds-captured"));

        assertEquals("600|succeeded", Sql.value("SELECT amount_refunded_cents || '|' || status FROM payments WHERE order_id = ?::uuid", order));
    }

    @Test
    void anOrderWithoutACaptureCannotBeRefunded() {
        String order = Checkouts.declinedOrder(1).id();

        refund(TestAccounts.staff(Roles.ADMIN), order, 100).then().statusCode(409).body("type", equalTo(PROBLEMS + "not-captured"));
    }

    @Test
    void customersAndEmployeesCannotRefund() {
        String order = paidOrder(1000);
        Account owner = TestAccounts.customer();

        refund(owner, order, 100).then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));
        refund(TestAccounts.staff(Roles.EMPLOYEE), order, 100).then().statusCode(403);

        assertEquals(0, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
    }

    @Test
    void theSameKeyRefundsOnceAndReplaysTheAnswer() {
        String order = paidOrder(1000);
        Account manager = TestAccounts.staff(Roles.MANAGER);
        String key = UUID.randomUUID().toString();

        refund(manager, order, 400, key).then().statusCode(200).body("payment.amountRefundedCents", equalTo(400));
        refund(manager, order, 400, key).then().statusCode(200).body("payment.amountRefundedCents", equalTo(400));
        refund(manager, order, 500, key).then().statusCode(422).body("type", equalTo(PROBLEMS + "idempotency-key-reused"));

        assertEquals(1, Sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ?::uuid", order));
        assertEquals(400, refundedAtGateway(order));
        GatewayLedger.assertMatches(order);
    }

    @Test
    void concurrentRefundsNeverTakeMoreThanWasCaptured() throws Exception {
        String order = paidOrder(1000);
        Account admin = TestAccounts.staff(Roles.ADMIN);

        List<Integer> statuses = Parallel.times(10, () -> refund(admin, order, 300).statusCode());

        assertEquals(3, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(status -> status == 422).count(), statuses.toString());
        assertEquals("900|succeeded", Sql.value("SELECT amount_refunded_cents || '|' || status FROM payments WHERE order_id = ?::uuid", order));
        assertEquals(900, refundedAtGateway(order));
        GatewayLedger.assertMatches(order);
        Invariants.assertHold();
    }

    @Test
    void aRefundWithoutAnIdempotencyKeyAnswers400AndMovesNoMoney() {
        String order = paidOrder(1000);

        given().header("Authorization", TestAccounts.staff(Roles.ADMIN).bearer()).contentType(ContentType.JSON)
                .body(Map.of("amountCents", 100))
                .when().post("/api/v1/orders/" + order + "/refunds")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "validation"));

        assertEquals(0, refundedAtGateway(order));
    }

    @Test
    void aZeroRefundAnswers400() {
        refund(TestAccounts.staff(Roles.ADMIN), paidOrder(1000), 0).then().statusCode(400).body("type", equalTo(PROBLEMS + "validation"));
    }

    private static String paidOrder(long priceCents) {
        return Checkouts.paid(TestAccounts.customer(), TestProducts.stocked(5, priceCents), 1);
    }

    private static Response refund(Account caller, String order, long amountCents) {
        return refund(caller, order, amountCents, UUID.randomUUID().toString());
    }

    private static Response refund(Account caller, String order, long amountCents, String idempotencyKey) {
        return given().header("Authorization", caller.bearer()).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(Map.of("amountCents", amountCents))
                .when().post("/api/v1/orders/" + order + "/refunds");
    }

    private static long refundedAtGateway(String order) {
        return Sql.count("SELECT coalesce(sum(r.amount_cents), 0) FROM sandbox_gateway_operations r JOIN payments p ON p.gateway_charge_id = r.charge_id"
                + " WHERE r.kind = 'refund' AND p.order_id = ?::uuid", order);
    }
}
