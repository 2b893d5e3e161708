package io.orderflow.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.OutOfStockException;
import io.orderflow.payment.PaymentDeclinedException;
import io.orderflow.payment.PaymentFailure;
import io.orderflow.payment.PaymentStatus;
import io.orderflow.payment.PaymentUnavailableException;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.DomainException;
import io.orderflow.platform.EnumNames;
import io.orderflow.platform.security.Caller;

import java.util.Map;

/**
 * The answer step of the checkout (docs/architecture.md): what the order's state says to the client once
 * the run is over, whether that is final (stored with the key) or may still change (sent, not stored: the
 * next request with the key resumes), and the outcome {@code orderflow.checkouts} counts. No I/O.
 */
record CheckoutAnswer(Outcome outcome, CheckoutResponse response, boolean isFinal) {

    /** The {@code outcome} tag of {@code orderflow.checkouts} (docs/operations.md). */
    enum Outcome {
        CONFIRMED, DECLINED, OUT_OF_STOCK, ERROR;

        String tag() {
            return EnumNames.lowercase(this);
        }
    }

    /** Paid, declined, processor down, given up meanwhile (each final), or not decided yet. */
    static CheckoutAnswer of(OrderView order, int successStatus, Caller caller, ObjectMapper json) {
        if (order.isPaid()) {
            return new CheckoutAnswer(Outcome.CONFIRMED, CheckoutResponse.of(successStatus, order, json), true);
        }
        if (order.status() == OrderStatus.CANCELLED) {
            return refused(new ConflictException("order-cancelled", "The order was cancelled: " + order.cancellationReason(),
                    Map.of("orderId", order.id())), caller, json);
        }
        OrderView.PaymentSummary payment = order.payment();
        if (payment != null && payment.status() == PaymentStatus.FAILED) {
            return refused(PaymentFailure.PROCESSING_ERROR.is(payment.failureReason())
                    ? new PaymentUnavailableException(order.id())
                    : new PaymentDeclinedException(order.id(), payment.failureReason()), caller, json);
        }
        return new CheckoutAnswer(Outcome.ERROR, problem(new PaymentUnavailableException(order.id()), caller, json), false);
    }

    /** A final refusal; what it counts as follows from the failure's class. */
    static CheckoutAnswer refused(DomainException failure, Caller caller, ObjectMapper json) {
        Outcome outcome = failure instanceof PaymentDeclinedException ? Outcome.DECLINED
                : failure instanceof OutOfStockException ? Outcome.OUT_OF_STOCK
                : Outcome.ERROR;
        return new CheckoutAnswer(outcome, problem(failure, caller, json), true);
    }

    private static CheckoutResponse problem(DomainException failure, Caller caller, ObjectMapper json) {
        return CheckoutResponse.problem(failure, caller.path(), caller.requestId(), json);
    }
}
