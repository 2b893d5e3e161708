package io.orderflow.inventory;

import io.orderflow.platform.ConflictException;

import java.util.Map;

/** A stock change that would take on hand below zero or below what pending orders have reserved. */
public class InsufficientStockException extends ConflictException {

    public InsufficientStockException(StockLevels levels, int quantityChange) {
        super("insufficient-stock", "Changing on hand by " + quantityChange + " would leave less than the "
                        + levels.reserved() + " unit(s) reserved",
                Map.of("onHand", levels.onHand(), "reserved", levels.reserved(), "quantityChange", quantityChange));
    }
}
