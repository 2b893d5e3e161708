package io.orderflow.identity;

/** Role names, as stored in users.role and carried in the token's groups claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String EMPLOYEE = "employee";
    public static final String CUSTOMER = "customer";

    private Roles() {
    }
}
