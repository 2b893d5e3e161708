package io.orderflow.identity;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.Page;
import io.orderflow.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * A user's addresses. Every query is scoped to the owner, so someone else's address is simply
 * not found. At most one default per type: setting one clears the previous default.
 */
@ApplicationScoped
public class AddressService {

    static final String LIST = """
            SELECT id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at
            FROM user_addresses
            WHERE user_id = $1 AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id
            LIMIT $4""";

    static final String FIND = """
            SELECT id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at
            FROM user_addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""";

    static final String LOCK = """
            SELECT id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at
            FROM user_addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL FOR UPDATE""";

    static final String CLEAR_DEFAULT = """
            UPDATE user_addresses SET is_default = false
            WHERE user_id = $1 AND type = $2 AND is_default AND deleted_at IS NULL AND id IS DISTINCT FROM $3""";

    static final String INSERT = """
            INSERT INTO user_addresses (user_id, type, line1, line2, city, state, postal_code, country, is_default)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at""";

    static final String UPDATE = """
            UPDATE user_addresses
            SET type = $3, line1 = COALESCE($4, line1), line2 = COALESCE($5, line2), city = COALESCE($6, city),
                state = COALESCE($7, state), postal_code = COALESCE($8, postal_code), country = COALESCE($9, country),
                is_default = $10
            WHERE id = $1 AND user_id = $2
            RETURNING id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at""";

    static final String SOFT_DELETE = """
            UPDATE user_addresses SET deleted_at = now(), is_default = false
            WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
            RETURNING id, type, line1, line2, city, state, postal_code, country, is_default, created_at, updated_at""";

    private final Pool db;
    private final AuditLog audit;

    AddressService(Pool db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public Uni<Page<AddressView>> list(UUID userId, String cursor, int limit) {
        Cursor.After after = Cursor.After.of(cursor);
        return db.preparedQuery(LIST).execute(Tuple.of(userId, after.createdAt(), after.id(), limit + 1))
                .map(rows -> Page.of(Rows.all(rows, AddressView::from), limit, a -> Cursor.After.cursor(a.createdAt(), a.id())));
    }

    public Uni<AddressView> find(UUID userId, UUID addressId) {
        return db.preparedQuery(FIND).execute(Tuple.of(addressId, userId)).map(AddressService::single);
    }

    public Uni<AddressView> create(UUID userId, AddressResource.NewAddress address, Actor actor) {
        boolean isDefault = Boolean.TRUE.equals(address.isDefault());
        return db.withTransaction(tx -> UserLock.lock(tx, userId)
                .chain(() -> isDefault ? clearDefault(tx, userId, address.type(), null) : Uni.createFrom().voidItem())
                .chain(() -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
                        userId, address.type(), address.line1(), address.line2(), address.city(), address.state(),
                        address.postalCode(), address.country(), isDefault})))
                .map(AddressService::single)
                .call(created -> audit.record(tx, AuditEntry.created(actor, "address", created.id(), created))));
    }

    public Uni<AddressView> update(UUID userId, UUID addressId, AddressResource.AddressChange change, Actor actor) {
        return db.withTransaction(tx -> UserLock.lock(tx, userId)
                .chain(() -> tx.preparedQuery(LOCK).execute(Tuple.of(addressId, userId)))
                .map(AddressService::single)
                .chain(before -> apply(tx, userId, before, change)
                        .call(after -> audit.record(tx, AuditEntry.updated(actor, "address", addressId, before, after)))));
    }

    public Uni<Void> delete(UUID userId, UUID addressId, Actor actor) {
        return db.withTransaction(tx -> tx.preparedQuery(SOFT_DELETE).execute(Tuple.of(addressId, userId))
                .map(AddressService::single)
                .call(deleted -> audit.record(tx, AuditEntry.deleted(actor, "address", addressId, deleted))))
                .replaceWithVoid();
    }

    private Uni<AddressView> apply(SqlClient tx, UUID userId, AddressView before, AddressResource.AddressChange change) {
        String type = change.type() != null ? change.type() : before.type();
        boolean isDefault = change.isDefault() != null ? change.isDefault() : before.isDefault();
        return (isDefault ? clearDefault(tx, userId, type, before.id()) : Uni.createFrom().voidItem())
                .chain(() -> tx.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {
                        before.id(), userId, type, change.line1(), change.line2(), change.city(), change.state(),
                        change.postalCode(), change.country(), isDefault})))
                .map(AddressService::single);
    }

    private static Uni<Void> clearDefault(SqlClient tx, UUID userId, String type, UUID keep) {
        return tx.preparedQuery(CLEAR_DEFAULT).execute(Tuple.of(userId, type, keep)).replaceWithVoid();
    }

    private static AddressView single(RowSet<Row> rows) {
        return Rows.single(rows, "Address", AddressView::from);
    }
}
