package io.orderflow.ordering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Order statuses are the lowercase values of orders_status_check, in the database and in JSON. */
class OrderStatusTest {

    @Test
    void theValuesAreThoseTheDatabaseAllows() {
        assertEquals(List.of("pending", "confirmed", "shipped", "delivered", "cancelled"),
                Arrays.stream(OrderStatus.values()).map(OrderStatus::value).toList());
    }

    @Test
    void aStoredValueReadsBackAsItsStatus() {
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(status, OrderStatus.of(status.value()));
        }
        assertThrows(IllegalArgumentException.class, () -> OrderStatus.of("lost"));
    }

    @Test
    void jsonAndTextShowTheLowercaseValue() throws JsonProcessingException {
        assertEquals("\"shipped\"", new ObjectMapper().writeValueAsString(OrderStatus.SHIPPED));
        assertEquals("An order that is cancelled", "An order that is " + OrderStatus.CANCELLED);
    }

    @Test
    void confirmedShippedAndDeliveredOrdersArePaid() {
        assertEquals(List.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED),
                Arrays.stream(OrderStatus.values()).filter(OrderStatus::isPaid).toList());
    }
}
