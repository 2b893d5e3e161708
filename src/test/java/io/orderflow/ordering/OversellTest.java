package io.orderflow.ordering;

import io.orderflow.support.Checkouts;
import io.orderflow.support.Invariants;
import io.orderflow.support.Parallel;
import io.orderflow.support.Sql;
import io.orderflow.support.TestAccounts;
import io.orderflow.support.TestAccounts.Account;
import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.orderflow.support.TestProducts.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OversellTest {

    @Test
    void twoHundredBuyersOfFiftyUnitsLeaveExactlyFiftyConfirmedOrders() throws Exception {
        UUID product = TestProducts.stocked(50, 100);
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            buyers.add(TestAccounts.customer());
        }
        AtomicInteger next = new AtomicInteger();

        List<Integer> statuses = Parallel.times(200, () -> {
            Account buyer = buyers.get(next.getAndIncrement());
            return Checkouts.buy(buyer, product, 1, buyer.visaCardId()).statusCode();
        });

        assertEquals(50, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(150, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals("0|0|0", levels(product));
        assertEquals(50, Sql.count("SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.product_id = ? AND o.status = 'confirmed'", product));
        assertEquals(0, Sql.count("SELECT count(*) FROM reservations WHERE product_id = ? AND status = 'active'", product));
        Invariants.assertHold();
    }
}
