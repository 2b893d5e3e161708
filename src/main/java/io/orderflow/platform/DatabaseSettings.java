package io.orderflow.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two PostgreSQL passwords: the application role's and the owner's (migrations). Local profiles
 * default them; production reads them from the environment only.
 */
@ApplicationScoped
class DatabaseSettings implements RequiredSettings {

    private final Optional<String> appPassword;
    private final Optional<String> ownerPassword;

    DatabaseSettings(@ConfigProperty(name = "quarkus.datasource.password") Optional<String> appPassword,
                     @ConfigProperty(name = "quarkus.flyway.password") Optional<String> ownerPassword) {
        this.appPassword = appPassword;
        this.ownerPassword = ownerPassword;
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (appPassword.isEmpty()) {
            missing.add("ORDERFLOW_DB_PASSWORD");
        }
        if (ownerPassword.isEmpty()) {
            missing.add("ORDERFLOW_DB_OWNER_PASSWORD");
        }
        return missing;
    }
}
