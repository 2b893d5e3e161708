package io.orderflow.platform.security;

import java.util.Set;

/** Role names, as stored in users.role and carried in the token's groups claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String EMPLOYEE = "employee";
    public static final String CUSTOMER = "customer";
    /** Teaches courses; otherwise signs in and buys like a customer. */
    public static final String INSTRUCTOR = "instructor";

    public static final Set<String> STAFF = Set.of(ADMIN, MANAGER, EMPLOYEE);

    /** The staff who may give money back: admins and managers. */
    public static final Set<String> MOVE_MONEY = Set.of(ADMIN, MANAGER);

    private Roles() {
    }
}
