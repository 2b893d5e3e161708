package io.orderflow.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The values payment writes to and reads from its tables: statuses (their CHECK constraints) and its own failure reasons. */
class PaymentStatusTest {

    @Test
    void paymentStatusesAreThoseTheDatabaseAllows() {
        assertEquals(List.of("pending", "unknown", "succeeded", "failed", "refunded"),
                Arrays.stream(PaymentStatus.values()).map(PaymentStatus::value).toList());
        for (PaymentStatus status : PaymentStatus.values()) {
            assertEquals(status, PaymentStatus.of(status.value()));
        }
    }

    @Test
    void refundStatusesAreThoseTheDatabaseAllows() {
        assertEquals(List.of("pending", "succeeded", "failed"), Arrays.stream(RefundStatus.values()).map(RefundStatus::value).toList());
        for (RefundStatus status : RefundStatus.values()) {
            assertEquals(status, RefundStatus.of(status.value()));
        }
    }

    @Test
    void jsonShowsTheLowercaseValue() throws JsonProcessingException {
        assertEquals("\"refunded\"", new ObjectMapper().writeValueAsString(PaymentStatus.REFUNDED));
        assertEquals("\"failed\"", new ObjectMapper().writeValueAsString(RefundStatus.FAILED));
    }

    @Test
    void onlySucceededAndRefundedAttemptsTookTheMoney() {
        assertEquals(List.of(PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED),
                Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::isCaptured).toList());
    }

    @Test
    void ourFailureReasonsAreStoredAsTheyAlwaysWere() {
        assertEquals(List.of("processing_error", "not_received", "declined"),
                Arrays.stream(PaymentFailure.values()).map(PaymentFailure::value).toList());
        assertTrue(PaymentFailure.PROCESSING_ERROR.is("processing_error"));
        assertFalse(PaymentFailure.PROCESSING_ERROR.is("card_declined"));
        assertFalse(PaymentFailure.PROCESSING_ERROR.is(null));
    }
}
