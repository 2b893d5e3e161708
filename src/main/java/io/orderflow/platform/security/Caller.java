package io.orderflow.platform.security;

import io.orderflow.platform.Actor;

import java.util.UUID;

/**
 * Who is calling, copied out of the request scope so a pipeline can use it on any thread.
 * {@code id} is null for an anonymous caller; {@code path} is the request's path, which stored
 * problem bodies name as their instance.
 */
public record Caller(UUID id, String role, Actor actor, String path) {

    /** A customer acting on their own behalf, as a scheduled job finishing their run does. */
    public static Caller customer(UUID customerId, String path) {
        return new Caller(customerId, Roles.CUSTOMER, Actor.SYSTEM, path);
    }

    public boolean signedIn() {
        return id != null;
    }

    public boolean staff() {
        return signedIn() && Roles.STAFF.contains(role);
    }

    /** Admins and managers, the staff who may refund. */
    public boolean movesMoney() {
        return signedIn() && Roles.MOVE_MONEY.contains(role);
    }

    /** The caller's own resource, or any resource for staff. */
    public boolean mayRead(UUID ownerId) {
        return staff() || ownerId.equals(id);
    }

    public String requestId() {
        return actor.requestId();
    }
}
