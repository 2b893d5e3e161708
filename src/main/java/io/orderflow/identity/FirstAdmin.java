package io.orderflow.identity;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.Rows;
import io.orderflow.platform.security.Roles;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Creates the first admin at start when {@code orderflow.admin.email} and {@code .password}
 * (ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD) are set. An existing account with that
 * email is left alone, never promoted: whoever registered it first would otherwise become admin.
 */
@ApplicationScoped
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    private static final Actor STARTUP = new Actor(null, null, "orderflow-startup", null);

    static final String FIND_ROLE = """
            SELECT role FROM users WHERE email = $1 AND deleted_at IS NULL""";

    static final String INSERT = """
            INSERT INTO users (email, password_hash, first_name, last_name, role, email_verified)
            VALUES ($1, $2, 'Orderflow', 'Admin', 'admin', true)
            ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING
            RETURNING id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at""";

    private final Pool db;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Optional<String> email;
    private final Optional<String> password;

    FirstAdmin(Pool db, Passwords passwords, AuditLog audit, IdentityConfig.Admin admin) {
        this.db = db;
        this.passwords = passwords;
        this.audit = audit;
        this.email = admin.email().map(Emails::normalise);
        this.password = admin.password();
    }

    void ensure(@Observes StartupEvent start) {
        if (email.isEmpty() || password.isEmpty()) {
            LOG.info("No first admin configured (ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD)");
            return;
        }
        String role = db.preparedQuery(FIND_ROLE).execute(Tuple.of(email.get()))
                .map(rows -> Rows.first(rows, row -> row.getString("role")).orElse(null))
                .await().indefinitely();
        if (role == null) {
            create().await().indefinitely();
            LOG.infof("Created the first admin %s", email.get());
        } else if (!Roles.ADMIN.equals(role)) {
            LOG.warnf("First admin %s exists with role %s; it is not promoted", email.get(), role);
        }
    }

    private Uni<Void> create() {
        return passwords.hash(password.get())
                .chain(hash -> db.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.of(email.get(), hash))
                        .chain(rows -> Rows.first(rows, UserView::from)
                                .map(admin -> audit.record(tx, created(admin)))
                                .orElseGet(() -> Uni.createFrom().voidItem()))));
    }

    private static AuditEntry created(UserView admin) {
        return AuditEntry.created(STARTUP, "user", admin.id(), admin);
    }
}
