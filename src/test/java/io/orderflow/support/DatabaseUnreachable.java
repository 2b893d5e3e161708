package io.orderflow.support;

import java.util.Map;

/**
 * A test profile whose reactive datasource is a closed port, for what a request answers when
 * PostgreSQL is down. Flyway still migrates over JDBC; no first admin, which would need the pool at start.
 */
public class DatabaseUnreachable extends ConfigOverrides {

    public DatabaseUnreachable() {
        super(Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/unreachable",
                "orderflow.admin.email", "",
                "orderflow.admin.password", ""));
    }
}
