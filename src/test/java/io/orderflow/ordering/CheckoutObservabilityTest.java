package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Management;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CheckoutObservabilityTest {

    @Test
    void checkoutOutcomesAndPaymentLatencyAreExported() {
        Account buyer = TestAccounts.customer();
        Checkouts.buy(buyer, TestProducts.stocked(5, 100), 1, buyer.visaCardId());
        Checkouts.buy(buyer, TestProducts.stocked(5, 100), 1, buyer.declinedCardId());

        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("orderflow_checkouts_total{instance=\"test\",outcome=\"confirmed\""))
                .body(containsString("orderflow_checkouts_total{instance=\"test\",outcome=\"declined\""))
                .body(containsString("orderflow_payments_total{instance=\"test\",outcome=\"succeeded\""))
                .body(containsString("orderflow_payment_latency_seconds_count"))
                .body(containsString("orderflow_reservations_expired_total"));
    }

    @Test
    void theOrderAndPaymentEndpointsAreDocumented() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/orders'.post.responses.'402'", notNullValue())
                .body("paths.'/api/v1/orders'.get", notNullValue())
                .body("paths.'/api/v1/orders/{id}'.get", notNullValue())
                .body("paths.'/api/v1/orders/{id}/payments'.post", notNullValue())
                .body("paths.'/api/v1/orders/{id}/cancel'.post", notNullValue())
                .body("paths.'/api/v1/orders/{id}/refunds'.post.responses.'403'", notNullValue())
                .body("paths.'/api/v1/payments/webhook'.post", notNullValue())
                .body("components.schemas.PaymentWebhookEvent", notNullValue());
    }
}
