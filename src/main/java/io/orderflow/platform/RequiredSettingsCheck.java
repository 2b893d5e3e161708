package io.orderflow.platform;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Stops the start, naming every missing production setting at once, rather than failing on the
 * first one found.
 */
@ApplicationScoped
class RequiredSettingsCheck {

    private final List<RequiredSettings> modules;

    RequiredSettingsCheck(@All List<RequiredSettings> modules) {
        this.modules = modules;
    }

    // Before every other StartupEvent observer: SchemaVersion would otherwise fail on the database
    // password alone, and SigningKeys on the key files alone.
    void verify(@Observes @Priority(-1) StartupEvent start) {
        List<String> missing = modules.stream().flatMap(module -> module.missing().stream()).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("orderflow cannot start: missing required settings "
                    + String.join(", ", missing) + "; see README 'Production'");
        }
    }
}
