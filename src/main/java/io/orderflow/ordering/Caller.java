package io.orderflow.ordering;

import io.orderflow.identity.CurrentUser;
import io.orderflow.platform.Actor;

import java.util.UUID;

/**
 * The signed-in caller, copied out of the request scope so pipelines can use it on any thread;
 * {@code path} and {@code requestId} go into stored problem bodies.
 */
public record Caller(UUID id, boolean staff, Actor actor, String path, String requestId) {

    static Caller of(CurrentUser user, String path) {
        Actor actor = user.actor();
        return new Caller(user.id(), user.isStaff(), actor, path, actor.requestId());
    }

    boolean mayRead(OrderView order) {
        return staff || order.customerId().equals(id);
    }
}
