package io.orderflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Map;

/**
 * The append-only audit trail. Callers pass the connection of the transaction that makes
 * the change, so the change and its audit row commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    static final String INSERT = """
            INSERT INTO audit_logs (user_id, entity_type, entity_id, action, old_values, new_values, ip_address, user_agent, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::inet, $8, $9)""";

    /** The same row through a Hibernate Reactive session; every parameter is typed in the SQL, as a null has no type of its own. */
    static final String INSERT_NATIVE = """
            INSERT INTO audit_logs (user_id, entity_type, entity_id, action, old_values, new_values, ip_address, user_agent, request_id)
            VALUES (CAST(:userId AS uuid), :entityType, CAST(:entityId AS uuid), :action, CAST(CAST(:oldValues AS text) AS jsonb),
                    CAST(CAST(:newValues AS text) AS jsonb), CAST(CAST(:ipAddress AS text) AS inet), CAST(:userAgent AS text),
                    CAST(:requestId AS text))""";

    private final ObjectMapper json;

    AuditLog(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> record(SqlClient tx, AuditEntry entry) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                        entry.actor().userId(), entry.entityType(), entry.entityId(), entry.action(),
                        toJson(entry.oldValues()), toJson(entry.newValues()),
                        entry.actor().ipAddress(), entry.actor().userAgent(), entry.actor().requestId()}))
                .replaceWithVoid();
    }

    /** For aggregates kept with Hibernate Reactive: the row joins the session's transaction (never mix in the SQL client). */
    public Uni<Void> record(Mutiny.Session session, AuditEntry entry) {
        return session.createNativeQuery(INSERT_NATIVE)
                .setParameter("userId", entry.actor().userId())
                .setParameter("entityType", entry.entityType())
                .setParameter("entityId", entry.entityId())
                .setParameter("action", entry.action())
                .setParameter("oldValues", jsonText(entry.oldValues()))
                .setParameter("newValues", jsonText(entry.newValues()))
                .setParameter("ipAddress", entry.actor().ipAddress())
                .setParameter("userAgent", entry.actor().userAgent())
                .setParameter("requestId", entry.actor().requestId())
                .executeUpdate()
                .replaceWithVoid();
    }

    private String jsonText(Object values) {
        JsonObject object = toJson(values);
        return object == null ? null : object.encode();
    }

    @SuppressWarnings("unchecked")
    private JsonObject toJson(Object values) {
        return values == null ? null : new JsonObject(json.convertValue(values, Map.class));
    }
}
