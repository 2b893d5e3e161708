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
 * A user's stored cards. The client's gateway token is resolved by the payment gateway; only
 * the reference, brand, last4 and expiry it reports are kept. Scoped to the owner like addresses.
 */
@ApplicationScoped
public class PaymentMethodService {

    static final String LIST = """
            SELECT id, card_brand, card_last4, exp_month, exp_year, is_default, created_at
            FROM user_payment_methods
            WHERE user_id = $1 AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
            ORDER BY created_at, id
            LIMIT $4""";

    static final String FIND = """
            SELECT id, card_brand, card_last4, exp_month, exp_year, is_default, created_at
            FROM user_payment_methods WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""";

    static final String CLEAR_DEFAULT = """
            UPDATE user_payment_methods SET is_default = false WHERE user_id = $1 AND is_default AND deleted_at IS NULL""";

    static final String INSERT = """
            INSERT INTO user_payment_methods (user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year, is_default)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id, card_brand, card_last4, exp_month, exp_year, is_default, created_at""";

    static final String SOFT_DELETE = """
            UPDATE user_payment_methods SET deleted_at = now(), is_default = false
            WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
            RETURNING id, card_brand, card_last4, exp_month, exp_year, is_default, created_at""";

    private final Pool db;
    private final CardTokens cards;
    private final AuditLog audit;

    PaymentMethodService(Pool db, CardTokens cards, AuditLog audit) {
        this.db = db;
        this.cards = cards;
        this.audit = audit;
    }

    public Uni<Page<PaymentMethodView>> list(UUID userId, String cursor, int limit) {
        Cursor.After after = Cursor.After.of(cursor);
        return db.preparedQuery(LIST).execute(Tuple.of(userId, after.createdAt(), after.id(), limit + 1))
                .map(rows -> Page.of(Rows.all(rows, PaymentMethodView::from), limit, m -> Cursor.After.cursor(m.createdAt(), m.id())));
    }

    public Uni<PaymentMethodView> find(UUID userId, UUID paymentMethodId) {
        return db.preparedQuery(FIND).execute(Tuple.of(paymentMethodId, userId)).map(PaymentMethodService::single);
    }

    /** Resolves the token first, outside the transaction, so no database connection waits on the gateway. */
    public Uni<PaymentMethodView> add(UUID userId, PaymentMethodResource.NewPaymentMethod method, Actor actor) {
        boolean isDefault = Boolean.TRUE.equals(method.isDefault());
        return cards.resolveToken(method.token())
                .chain(card -> db.withTransaction(tx -> UserLock.lock(tx, userId)
                        .chain(() -> isDefault ? clearDefault(tx, userId) : Uni.createFrom().voidItem())
                        .chain(() -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
                                userId, card.paymentMethodRef(), card.last4(), card.brand(),
                                (short) card.expMonth(), (short) card.expYear(), isDefault})))
                        .map(PaymentMethodService::single)
                        .call(added -> audit.record(tx, AuditEntry.created(actor, "payment_method", added.id(), added)))));
    }

    public Uni<Void> delete(UUID userId, UUID paymentMethodId, Actor actor) {
        return db.withTransaction(tx -> tx.preparedQuery(SOFT_DELETE).execute(Tuple.of(paymentMethodId, userId))
                        .map(PaymentMethodService::single)
                        .call(deleted -> audit.record(tx, AuditEntry.deleted(actor, "payment_method", paymentMethodId, deleted))))
                .replaceWithVoid();
    }

    private static Uni<Void> clearDefault(SqlClient tx, UUID userId) {
        return tx.preparedQuery(CLEAR_DEFAULT).execute(Tuple.of(userId)).replaceWithVoid();
    }

    private static PaymentMethodView single(RowSet<Row> rows) {
        return Rows.single(rows, "Payment method", PaymentMethodView::from);
    }
}
