package io.orderflow.support;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import static io.orderflow.support.OwnerDatabase.execute;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared invariants check fails, naming the invariant and its count, when the data breaks one. */
@QuarkusTest
class InvariantsTest {

    @Test
    void stockOffTheLedgerFailsNamingTheInvariantAndCount() throws SQLException {
        UUID product = TestProducts.stocked(5, 1000);
        try (Connection db = OwnerDatabase.owner()) {
            execute(db, "UPDATE inventory SET quantity_on_hand = quantity_on_hand + 1 WHERE product_id = ?", product);
            try {
                AssertionFailedError failure = assertThrows(AssertionFailedError.class, Invariants::assertHold);
                assertTrue(failure.getMessage().contains("inventory.on_hand equals ledger sum: 1 rows"),
                        failure.getMessage());
            } finally {
                execute(db, "UPDATE inventory SET quantity_on_hand = quantity_on_hand - 1 WHERE product_id = ?", product);
            }
        }
        Invariants.assertHold();
    }
}
