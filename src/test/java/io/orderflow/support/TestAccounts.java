package io.orderflow.support;

import io.smallrye.jwt.build.Jwt;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

import static io.orderflow.support.OwnerDatabase.execute;

/**
 * Accounts for tests of other modules: a user written straight into the database with a
 * shipping address and a card, and a signed access token like the one login issues.
 */
public final class TestAccounts {

    /** A ready-to-use account. {@code visaCardId} succeeds, {@code declinedCardId} declines. */
    public record Account(UUID id, String email, String role, String token, UUID addressId, UUID visaCardId, UUID declinedCardId) {

        public String bearer() {
            return "Bearer " + token;
        }
    }

    private TestAccounts() {
    }

    public static Account customer() {
        return create("customer");
    }

    public static Account staff(String role) {
        return create(role);
    }

    private static Account create(String role) {
        UUID id = UUID.randomUUID();
        String email = "test-" + id + "@example.com";
        UUID address = UUID.randomUUID();
        UUID visa = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        try (Connection db = OwnerDatabase.owner()) {
            execute(db, "INSERT INTO users (id, email, password_hash, first_name, last_name, role) VALUES (?, ?, 'not-a-hash', 'Test', 'User', ?)",
                    id, email, role);
            execute(db, "INSERT INTO user_addresses (id, user_id, type, line1, city, state, postal_code, country, is_default)"
                    + " VALUES (?, ?, 'shipping', '1 Main St', 'Springfield', 'IL', '62701', 'US', true)", address, id);
            execute(db, "INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)"
                    + " VALUES (?, ?, ?, '4242', 'visa', 12, 2034)", visa, id, "pm_visa_" + id.toString().replace("-", ""));
            execute(db, "INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)"
                    + " VALUES (?, ?, ?, '0002', 'visa', 12, 2034)", declined, id, "pm_chargeDeclined_" + id.toString().replace("-", ""));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test account", e);
        }
        return new Account(id, email, role, tokenFor(id, email, role), address, visa, declined);
    }

    /** An access token shaped like the ones login issues. */
    public static String tokenFor(UUID userId, String email, String role) {
        return Jwt.subject(userId.toString())
                .upn(email)
                .groups(Set.of(role))
                .claim("jti", UUID.randomUUID().toString())
                .sign();
    }
}
