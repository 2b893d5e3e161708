package io.orderflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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

    @SuppressWarnings("unchecked")
    private JsonObject toJson(Object values) {
        return values == null ? null : new JsonObject(json.convertValue(values, Map.class));
    }
}
