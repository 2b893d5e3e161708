package io.orderflow.ordering;

import io.orderflow.platform.Problem;
import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.PROBLEMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One customer's pending orders cannot hoard stock: caps on pending orders, units, and units of one product. */
@QuarkusTest
class HoldLimitTest {

    private static final int PENDING = ConfigProvider.getConfig().getValue("orderflow.checkout.hold-limit.pending-orders", Integer.class);
    private static final int PER_PRODUCT = ConfigProvider.getConfig().getValue("orderflow.checkout.hold-limit.units-per-product", Integer.class);
    private static final int UNITS = ConfigProvider.getConfig().getValue("orderflow.checkout.hold-limit.units", Integer.class);

    @Test
    void theOrderAfterTheLastAllowedPendingOneIsRefusedAndChangesNothing() {
        Account customer = TestAccounts.customer();
        List<String> pending = declinedOrders(customer, PENDING);
        UUID product = TestProducts.stocked(5, 100);

        var refused = Checkouts.buy(customer, product, 1, customer.declinedCardId());

        assertEquals(409, refused.statusCode());
        assertEquals(Problem.MEDIA_TYPE, refused.contentType());
        assertEquals(PROBLEMS + "too-many-pending-orders", refused.path("type"));
        assertEquals(PENDING, (int) refused.path("limit"));
        assertEquals(PENDING, Checkouts.ordersOf(customer));
        assertEquals("5|0|5", TestProducts.levels(product));
        assertEquals(pending.size(), Checkouts.paymentsOf(customer));
        Invariants.assertHold();
    }

    @Test
    void cancellingAPendingOrderFreesASlot() {
        Account customer = TestAccounts.customer();
        List<String> pending = declinedOrders(customer, PENDING);
        Checkouts.cancel(customer, pending.get(0)).then().statusCode(200);

        var placed = Checkouts.buy(customer, TestProducts.stocked(5, 100), 1, customer.declinedCardId());

        assertEquals(402, placed.statusCode());
        Invariants.assertHold();
    }

    @Test
    void payingAPendingOrderFreesASlot() {
        Account customer = TestAccounts.customer();
        List<String> pending = declinedOrders(customer, PENDING);
        Checkouts.pay(customer, pending.get(0), customer.visaCardId()).then().statusCode(200);

        var placed = Checkouts.buy(customer, TestProducts.stocked(5, 100), 1, customer.visaCardId());

        assertEquals(201, placed.statusCode());
        Invariants.assertHold();
    }

    @Test
    void unitsOfOneProductOverTheCapAreRefused() {
        Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(PER_PRODUCT + 10, 100);
        for (int held = 0; held < PER_PRODUCT; held += 100) {
            assertTrue(Checkouts.declined(customer, product, Math.min(100, PER_PRODUCT - held)) != null);
        }

        var refused = Checkouts.buy(customer, product, 1, customer.declinedCardId());

        assertEquals(409, refused.statusCode());
        assertEquals(PROBLEMS + "hold-limit", refused.path("type"));
        assertEquals(product.toString(), refused.path("productId"));
        assertEquals((PER_PRODUCT + 10) + "|" + PER_PRODUCT + "|10", TestProducts.levels(product));
        Invariants.assertHold();
    }

    @Test
    void unitsOverTheTotalCapAreRefused() {
        Account customer = TestAccounts.customer();
        int perLine = Math.min(100, PER_PRODUCT);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int held = 0; held < UNITS; held += perLine) {
            lines.add(Checkouts.line(TestProducts.stocked(perLine, 100), Math.min(perLine, UNITS - held)));
        }
        assertEquals(402, Checkouts.place(customer, UUID.randomUUID().toString(),
                Checkouts.body(customer, customer.declinedCardId(), lines)).statusCode());

        var refused = Checkouts.buy(customer, TestProducts.stocked(5, 100), 1, customer.declinedCardId());

        assertEquals(409, refused.statusCode());
        assertEquals(PROBLEMS + "hold-limit", refused.path("type"));
        assertEquals(1, Checkouts.ordersOf(customer));
        Invariants.assertHold();
    }

    @Test
    void concurrentCheckoutsOfOneCustomerCannotPassTheCap() throws Exception {
        Account customer = TestAccounts.customer();
        UUID product = TestProducts.stocked(100, 100);

        List<Integer> statuses = Parallel.times(PENDING * 3,
                () -> Checkouts.buy(customer, product, 1, customer.declinedCardId()).statusCode());

        assertEquals(PENDING, statuses.stream().filter(status -> status == 402).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(status -> status == 402 || status == 409), statuses.toString());
        assertEquals(PENDING, Sql.count("SELECT count(*) FROM orders WHERE customer_id = ? AND status = 'pending'", customer.id()));
        assertEquals("100|" + PENDING + "|" + (100 - PENDING), TestProducts.levels(product));
        Invariants.assertHold();
    }

    /** {@code count} PENDING orders of one unit each (card declined), each of a new product. */
    private static List<String> declinedOrders(Account customer, int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(Checkouts.declined(customer, TestProducts.stocked(5, 100), 1));
        }
        return orders;
    }
}
