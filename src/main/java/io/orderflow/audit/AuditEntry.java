package io.orderflow.audit;

import io.orderflow.platform.Actor;

import java.util.UUID;

/**
 * One state change to record. {@code oldValues}/{@code newValues} are any JSON-serialisable
 * objects (records, maps) or null.
 */
public record AuditEntry(Actor actor, String entityType, UUID entityId, String action, Object oldValues, Object newValues) {

    public static AuditEntry created(Actor actor, String entityType, UUID entityId, Object newValues) {
        return new AuditEntry(actor, entityType, entityId, "create", null, newValues);
    }

    public static AuditEntry updated(Actor actor, String entityType, UUID entityId, Object oldValues, Object newValues) {
        return new AuditEntry(actor, entityType, entityId, "update", oldValues, newValues);
    }

    public static AuditEntry deleted(Actor actor, String entityType, UUID entityId, Object oldValues) {
        return new AuditEntry(actor, entityType, entityId, "delete", oldValues, null);
    }
}
