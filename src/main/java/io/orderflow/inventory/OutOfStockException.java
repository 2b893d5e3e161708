package io.orderflow.inventory;

import io.orderflow.platform.ConflictException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Some lines cannot be reserved; the problem body lists each short line with what is available. */
public class OutOfStockException extends ConflictException {

    /** One line that could not be reserved. */
    public record ShortLine(UUID productId, int requested, int available) {
    }

    private final List<ShortLine> lines;

    public OutOfStockException(List<ShortLine> lines) {
        super("out-of-stock", "Not enough stock for " + lines.size() + " line(s)", Map.of("lines", lines));
        this.lines = List.copyOf(lines);
    }

    public List<ShortLine> lines() {
        return lines;
    }
}
