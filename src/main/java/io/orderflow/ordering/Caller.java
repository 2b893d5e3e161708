package io.orderflow.ordering;

import io.orderflow.identity.CurrentUser;
import io.orderflow.identity.Roles;
import io.orderflow.platform.Actor;

import java.util.UUID;

/**
 * The signed-in caller, copied out of the request scope so pipelines can use it on any thread;
 * {@code path} and {@code requestId} go into stored problem bodies. {@code movesMoney}: admins and
 * managers, the staff who may refund.
 */
public record Caller(UUID id, boolean staff, boolean movesMoney, Actor actor, String path, String requestId) {

    static Caller of(CurrentUser user, String path) {
        Actor actor = user.actor();
        boolean movesMoney = user.role().equals(Roles.ADMIN) || user.role().equals(Roles.MANAGER);
        return new Caller(user.id(), user.isStaff(), movesMoney, actor, path, actor.requestId());
    }

    /** A customer acting on their own orders, as a scheduled job finishing their run does. */
    static Caller customer(UUID customerId, String path) {
        return new Caller(customerId, false, false, Actor.SYSTEM, path, null);
    }

    boolean mayRead(OrderView order) {
        return staff || order.customerId().equals(id);
    }

    /** Giving a paid order's money back: its own customer (cancelling), or an admin or manager. */
    boolean mayRefund(OrderView order) {
        return movesMoney || order.customerId().equals(id);
    }
}
