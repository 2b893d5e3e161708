package io.orderflow.platform;

import io.quarkus.arc.All;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.List;

/**
 * Stops the start, naming every missing production setting at once, rather than failing on the
 * first one found. It runs before the migrations connect (as a Flyway customizer: with a password
 * missing the connection would fail first, naming nothing) and again at the start of the
 * application (for runs that migrate nothing).
 */
@ApplicationScoped
public class RequiredSettingsCheck implements FlywayConfigurationCustomizer {

    private final List<RequiredSettings> modules;

    RequiredSettingsCheck(@All List<RequiredSettings> modules) {
        this.modules = modules;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        verify();
    }

    // Before any other StartupEvent observer: SigningKeys would otherwise fail on the key files alone.
    void onStart(@Observes @Priority(0) StartupEvent start) {
        verify();
    }

    /** Fails with the list of every missing setting; the server exits with status 1. */
    public void verify() {
        List<String> missing = modules.stream().flatMap(module -> module.missing().stream()).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("orderflow cannot start: missing required settings "
                    + String.join(", ", missing) + "; see README 'Production'");
        }
    }
}
