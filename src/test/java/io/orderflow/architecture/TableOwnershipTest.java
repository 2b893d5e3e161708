package io.orderflow.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each table is written by the module that owns it (docs/architecture.md, "Modules"): no SQL in
 * one module's sources inserts into, updates or deletes from another module's table. Reads across
 * modules are allowed where one statement must see both (the map lists them).
 */
class TableOwnershipTest {

    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("users", "identity"), Map.entry("user_addresses", "identity"),
            Map.entry("user_payment_methods", "identity"), Map.entry("refresh_tokens", "identity"),
            Map.entry("products", "catalog"),
            Map.entry("inventory", "inventory"), Map.entry("inventory_transactions", "inventory"),
            Map.entry("reservations", "inventory"),
            Map.entry("orders", "ordering"), Map.entry("order_items", "ordering"), Map.entry("idempotency_keys", "ordering"),
            Map.entry("payments", "payment"), Map.entry("refunds", "payment"), Map.entry("webhook_events", "payment"),
            Map.entry("sandbox_gateway_operations", "payment"),
            Map.entry("shipments", "shipping"),
            Map.entry("course_details", "learning"), Map.entry("event_details", "learning"),
            Map.entry("enrolments", "learning"), Map.entry("event_bookings", "learning"), Map.entry("course_reviews", "learning"),
            Map.entry("waitlist_entries", "learning"),
            Map.entry("rooms", "conversation"), Map.entry("room_members", "conversation"), Map.entry("messages", "conversation"),
            Map.entry("audit_logs", "audit"));

    static final Pattern WRITE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM)\\s+([a-z_]+)");

    static final Path SOURCES = Path.of("src/main/java/io/orderflow");

    @Test
    void everyTableIsWrittenOnlyByItsModule() throws IOException {
        List<String> foreignWrites = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String module = SOURCES.relativize(file).getName(0).toString();
                foreignWrites.addAll(foreignWrites(module, read(file)).stream().map(write -> file + ": " + write).toList());
            });
        }
        assertEquals(List.of(), foreignWrites);
    }

    @Test
    void aWriteToAnotherModulesTableIsFound() {
        assertEquals(List.of("UPDATE payments (owned by payment)"),
                foreignWrites("ordering", "\"\"\"\n UPDATE orders SET status = 'confirmed';\n UPDATE payments SET status = 'succeeded'\"\"\""));
    }

    static List<String> foreignWrites(String module, String source) {
        List<String> found = new ArrayList<>();
        Matcher write = WRITE.matcher(source);
        while (write.find()) {
            String owner = OWNER.get(write.group(1));
            if (owner != null && !owner.equals(module)) {
                found.add(write.group().replaceAll("\\s+", " ") + " (owned by " + owner + ")");
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
