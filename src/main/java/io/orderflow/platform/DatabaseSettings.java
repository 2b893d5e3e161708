package io.orderflow.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * The application role's PostgreSQL password: local profiles default it, production reads it from the
 * environment only. The owner's password is the migrate step's (SchemaMigration), never the server's.
 */
@ApplicationScoped
class DatabaseSettings implements RequiredSettings {

    private final Optional<String> appPassword;

    DatabaseSettings(@ConfigProperty(name = "quarkus.datasource.password") Optional<String> appPassword) {
        this.appPassword = appPassword;
    }

    @Override
    public List<String> missing() {
        return appPassword.isPresent() ? List.of() : List.of("ORDERFLOW_DB_PASSWORD");
    }
}
