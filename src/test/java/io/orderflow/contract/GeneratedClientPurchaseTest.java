package io.orderflow.contract;

import io.orderflow.client.ApiClient;
import io.orderflow.client.ApiException;
import io.orderflow.client.api.AuthApi;
import io.orderflow.client.api.CartApi;
import io.orderflow.client.api.CatalogApi;
import io.orderflow.client.api.MeApi;
import io.orderflow.client.api.OrdersApi;
import io.orderflow.client.model.CreateOrder;
import io.orderflow.client.model.CreateOrderLine;
import io.orderflow.client.model.Credentials;
import io.orderflow.client.model.NewAddress;
import io.orderflow.client.model.NewPaymentMethod;
import io.orderflow.client.model.NewProduct;
import io.orderflow.client.model.Order;
import io.orderflow.client.model.OrderStatus;
import io.orderflow.client.model.PageOrderSummary;
import io.orderflow.client.model.PayOrder;
import io.orderflow.client.model.PaymentStatus;
import io.orderflow.client.model.Problem;
import io.orderflow.client.model.Product;
import io.orderflow.client.model.Registration;
import io.orderflow.client.model.SetQuantity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The README's purchase through a Java client generated at build time from the OpenAPI document the same build
 * wrote (target/openapi, see pom.xml): no hand-written HTTP. A document change that breaks clients breaks this.
 */
@QuarkusTest
class GeneratedClientPurchaseTest {

    private static final String PASSWORD = "correct-horse-1";

    @TestHTTPResource("/")
    URL root;

    @Test
    void readmePurchaseWorksThroughTheGeneratedClient() throws Exception {
        String email = "contract-" + UUID.randomUUID() + "@example.com";
        new AuthApi(client(null)).register(new Registration().email(email).password(PASSWORD).firstName("Ann").lastName("Lee"));
        String token = new AuthApi(client(null)).login(new Credentials().email(email).password(PASSWORD), null).getAccessToken();

        MeApi me = new MeApi(client(token));
        UUID address = me.addAddress(new NewAddress().type(NewAddress.TypeEnum.SHIPPING).line1("1 Main St").city("Springfield")
                .state("IL").postalCode("62701").country("US")).getId();
        UUID visa = me.addPaymentMethod(new NewPaymentMethod().token("tok_visa")).getId();
        UUID declining = me.addPaymentMethod(new NewPaymentMethod().token("tok_chargeDeclined")).getId();

        Product mug = new CatalogApi(client(adminToken())).createProduct(new NewProduct().sku("MUG-" + UUID.randomUUID())
                .name("Mug").category("kitchen").kind(NewProduct.KindEnum.PHYSICAL).priceCents(1200L).currency("USD").initialStock(50));
        assertEquals(mug.getId(), new CatalogApi(client(null)).getProduct(mug.getId(), null).getId(), "guests read products");

        OrdersApi orders = new OrdersApi(client(token));
        String key = "order-" + UUID.randomUUID();
        CreateOrder purchase = order(mug.getId(), address, visa);
        Order placed = orders.placeOrder(key, purchase);
        assertEquals(OrderStatus.CONFIRMED, placed.getStatus());
        assertEquals(2400L, placed.getTotalCents());
        assertEquals(PaymentStatus.SUCCEEDED, placed.getPayment().getStatus());
        assertNull(placed.getCancelledAt());

        Order replayed = orders.placeOrder(key, purchase);
        assertEquals(placed.getId(), replayed.getId(), "the same key replays the same order");
        assertEquals(placed.getOrderNumber(), replayed.getOrderNumber());

        ApiException declined = assertThrows(ApiException.class,
                () -> orders.placeOrder("order-" + UUID.randomUUID(), order(mug.getId(), address, declining)));
        assertEquals(402, declined.getCode());
        Problem problem = new ApiClient().getObjectMapper().readValue(declined.getResponseBody(), Problem.class);
        assertEquals("https://orderflow.io/problems/payment-declined", problem.getType());
        assertNotNull(problem.getOrderId(), "the 402 names the pending order");
        assertNotNull(problem.getReason());
        Order retried = orders.payOrder(problem.getOrderId(), "pay-" + UUID.randomUUID(), new PayOrder().paymentMethodId(visa));
        assertEquals(OrderStatus.CONFIRMED, retried.getStatus());

        String cartId = new CartApi(client(null)).createCart().getCartId().toString();
        new CartApi(client(null)).setCartItem(mug.getId(), new SetQuantity().quantity(1), cartId);
        String merged = new AuthApi(client(null)).login(new Credentials().email(email).password(PASSWORD), cartId).getAccessToken();
        assertEquals(1, new CartApi(client(merged)).getCart(null).getItems().size(), "logging in merged the guest cart");
        Order fromCart = new OrdersApi(client(merged)).placeOrder("cart-" + UUID.randomUUID(),
                // The generated model starts items as an empty list; a cart checkout must not send it.
                new CreateOrder().items(null).fromCart(true).shippingAddressId(address).billingAddressId(address).paymentMethodId(visa));
        assertEquals(OrderStatus.CONFIRMED, fromCart.getStatus());
        assertEquals(1200L, fromCart.getTotalCents());

        PageOrderSummary first = orders.listOrders(null, 2, null);
        assertEquals(2, first.getItems().size());
        assertNotNull(first.getNextCursor());
        PageOrderSummary second = orders.listOrders(first.getNextCursor(), 2, null);
        assertEquals(1, second.getItems().size());
        assertNull(second.getNextCursor(), "the last page has no cursor");

        Order cancelled = orders.cancelOrder(placed.getId(), null);
        assertEquals(OrderStatus.CANCELLED, cancelled.getStatus());
        assertNotNull(cancelled.getCancelledAt());
        assertEquals(PaymentStatus.REFUNDED, cancelled.getPayment().getStatus());
    }

    private static CreateOrder order(UUID product, UUID address, UUID card) {
        return new CreateOrder().items(List.of(new CreateOrderLine().productId(product).quantity(2)))
                .shippingAddressId(address).billingAddressId(address).paymentMethodId(card);
    }

    private String adminToken() throws ApiException {
        var config = ConfigProvider.getConfig();
        return new AuthApi(client(null)).login(new Credentials().email(config.getValue("orderflow.admin.email", String.class))
                .password(config.getValue("orderflow.admin.password", String.class)), null).getAccessToken();
    }

    /** A generated client against the test server, sending the bearer token the document declares when given one. */
    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
