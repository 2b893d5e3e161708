package io.orderflow.identity;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.Page;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Function;

/** Accounts: registration, the caller's own profile, and staff administration of users. */
@ApplicationScoped
public class UserService {

    static final String INSERT = """
            INSERT INTO users (email, password_hash, first_name, last_name, phone)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at""";

    static final String FIND = """
            SELECT id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at
            FROM users WHERE id = $1 AND deleted_at IS NULL""";

    static final String LOCK = """
            SELECT id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at
            FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE""";

    static final String UPDATE_PROFILE = """
            UPDATE users SET first_name = COALESCE($2, first_name), last_name = COALESCE($3, last_name),
                             phone = COALESCE($4, phone)
            WHERE id = $1
            RETURNING id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at""";

    static final String UPDATE_ACCESS = """
            UPDATE users SET role = COALESCE($2, role), is_active = COALESCE($3, is_active),
                             token_version = token_version
                                 + CASE WHEN COALESCE($2, role) <> role OR COALESCE($3, is_active) <> is_active THEN 1 ELSE 0 END
            WHERE id = $1
            RETURNING id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at""";

    static final String LIST = """
            SELECT id, email, first_name, last_name, phone, role, is_active, email_verified, created_at, updated_at
            FROM users
            WHERE deleted_at IS NULL AND ($1::varchar IS NULL OR role = $1)
              AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""";

    private final Pool db;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final IdentityLimits limits;
    private final UserAccess access;

    UserService(Pool db, Passwords passwords, RefreshTokens refreshTokens, AuditLog audit, IdentityLimits limits, UserAccess access) {
        this.access = access;
        this.db = db;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.limits = limits;
    }

    /** Creates a customer account; the new user is the actor of its own audit row. */
    public Uni<UserView> register(AuthResource.Registration registration, Actor anonymous) {
        return limits.registration(anonymous.ipAddress())
                .chain(() -> passwords.hash(registration.password()))
                .chain(hash -> db.withTransaction(tx -> insert(tx, registration, hash)
                        .call(user -> audit.record(tx, AuditEntry.created(asUser(anonymous, user.id()), "user", user.id(), user)))))
                .onFailure(UserService::isDuplicateEmail)
                .transform(e -> new ConflictException("email-taken", "An account with this email already exists"));
    }

    public Uni<UserView> find(UUID userId) {
        return db.preparedQuery(FIND).execute(Tuple.of(userId)).map(UserService::single);
    }

    public Uni<UserView> updateProfile(UUID userId, MeResource.ProfileChange change, Actor actor) {
        return update(userId, actor, tx -> tx.preparedQuery(UPDATE_PROFILE)
                .execute(Tuple.of(userId, change.firstName(), change.lastName(), change.phone())));
    }

    /**
     * Changes a user's role or active flag; deactivating also revokes every refresh token of theirs.
     * A real change bumps the token version in the same transaction, so the user's access tokens stop
     * working at their next request; the access cache is refreshed once it commits.
     */
    public Uni<UserView> updateAccess(UUID userId, AdminUserResource.AccessChange change, Actor actor) {
        return update(userId, actor, tx -> tx.preparedQuery(UPDATE_ACCESS)
                .execute(Tuple.of(userId, change.role(), change.active()))
                .call(rows -> Boolean.FALSE.equals(change.active()) ? refreshTokens.revokeAllOf(tx, userId) : Uni.createFrom().voidItem()))
                .call(() -> access.changed(userId));
    }

    public Uni<Page<UserView>> list(String role, String cursor, int limit) {
        Cursor.After after = Cursor.After.of(cursor);
        return db.preparedQuery(LIST).execute(Tuple.of(role, after.createdAt(), after.id(), limit + 1))
                .map(rows -> Page.of(Rows.all(rows, UserView::from), limit, user -> Cursor.After.cursor(user.createdAt(), user.id())));
    }

    private Uni<UserView> insert(SqlClient tx, AuthResource.Registration registration, String hash) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(registration.email(), hash, registration.firstName(), registration.lastName(), registration.phone()))
                .map(UserService::single);
    }

    /** Locks the user, applies the change and records old and new state in one transaction. */
    private Uni<UserView> update(UUID userId, Actor actor, Function<SqlClient, Uni<RowSet<Row>>> change) {
        return db.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(userId)).map(UserService::single)
                .chain(before -> change.apply(tx).map(UserService::single)
                        .call(after -> audit.record(tx, AuditEntry.updated(actor, "user", userId, before, after)))));
    }

    private static Actor asUser(Actor actor, UUID userId) {
        return new Actor(userId, actor.ipAddress(), actor.userAgent(), actor.requestId());
    }

    private static boolean isDuplicateEmail(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && "users_email_key".equals(pg.getConstraint());
    }

    private static UserView single(RowSet<Row> rows) {
        return Rows.single(rows, "User", UserView::from);
    }
}
