package io.orderflow.identity;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored card as the API shows it: what the gateway reported, never a card number or the gateway reference. */
public record PaymentMethodView(UUID id, String brand, String last4, int expMonth, int expYear, boolean isDefault,
                                OffsetDateTime createdAt) {

    static PaymentMethodView from(Row row) {
        return new PaymentMethodView(row.getUUID("id"), row.getString("card_brand"), row.getString("card_last4"),
                row.getShort("exp_month"), row.getShort("exp_year"), row.getBoolean("is_default"),
                row.getOffsetDateTime("created_at"));
    }
}
