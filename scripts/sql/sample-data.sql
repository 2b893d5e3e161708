-- A small, consistent data set for backup drills on an empty migrated database: a customer,
-- two stocked products, a paid order (one line partly refunded), and a pending order
-- holding a reservation. Every invariant holds on it.
BEGIN;

INSERT INTO users (id, email, password_hash, first_name, last_name)
VALUES ('00000000-0000-4000-8000-000000000001', 'drill@example.com', 'not-a-hash', 'Drill', 'Customer');
INSERT INTO user_addresses (id, user_id, type, line1, city, state, postal_code, country, is_default)
VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',
        'shipping', '1 Main St', 'Springfield', 'IL', '62701', 'US', true);
INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year)
VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001',
        'pm_visa_drill', '4242', 'visa', 12, 2034);

INSERT INTO products (id, sku, slug, name, category, kind, price_cents, currency) VALUES
    ('00000000-0000-4000-8000-000000000011', 'DRILL-MUG', 'drill-mug', 'Drill mug', 'kitchen', 'physical', 1200, 'USD'),
    ('00000000-0000-4000-8000-000000000012', 'DRILL-TEE', 'drill-tee', 'Drill tee', 'apparel', 'physical', 2500, 'USD');

-- Stock arrives (purchase), one mug is counted missing (count_variance).
INSERT INTO inventory_transactions (product_id, type, quantity_change) VALUES
    ('00000000-0000-4000-8000-000000000011', 'purchase', 50),
    ('00000000-0000-4000-8000-000000000011', 'count_variance', -1),
    ('00000000-0000-4000-8000-000000000012', 'purchase', 20);

-- Order 1: two mugs, paid, then 500 cents refunded.
INSERT INTO orders (id, customer_id, status, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
                    shipping_address_id, billing_address_id, idempotency_key, confirmed_at)
VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000001', 'confirmed',
        2400, 500, 200, 3100, 'USD', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000002',
        'drill-order-1', now());
INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)
VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000011', 'DRILL-MUG', 'Drill mug', 1200, 2, 2400);
INSERT INTO reservations (order_id, product_id, quantity, status, expires_at)
VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000011', 2, 'consumed', now() + interval '15 minutes');
INSERT INTO inventory_transactions (product_id, order_id, type, quantity_change)
VALUES ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000021', 'sale', -2);
INSERT INTO payments (id, order_id, payment_method_id, amount_cents, amount_refunded_cents, currency, status,
                      gateway_charge_id, gateway_idempotency_key, succeeded_at)
VALUES ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000021',
        '00000000-0000-4000-8000-000000000003', 3100, 500, 'USD', 'succeeded', 'ch_drill_1', 'drill-charge-1', now());
INSERT INTO refunds (payment_id, amount_cents, gateway_refund_id, reason)
VALUES ('00000000-0000-4000-8000-000000000031', 500, 're_drill_1', 'damaged handle');

-- Order 2: three tees, waiting for payment with stock reserved.
INSERT INTO orders (id, customer_id, subtotal_cents, total_cents, currency,
                    shipping_address_id, billing_address_id, idempotency_key)
VALUES ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-000000000001',
        7500, 7500, 'USD', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000002',
        'drill-order-2');
INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)
VALUES ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-000000000012', 'DRILL-TEE', 'Drill tee', 2500, 3, 7500);
INSERT INTO reservations (order_id, product_id, quantity, expires_at)
VALUES ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-000000000012', 3, now() + interval '15 minutes');

-- Stock levels as the ledger and the active reservations say.
INSERT INTO inventory (product_id, quantity_on_hand, quantity_reserved) VALUES
    ('00000000-0000-4000-8000-000000000011', 47, 0),
    ('00000000-0000-4000-8000-000000000012', 20, 3);

INSERT INTO audit_logs (user_id, entity_type, entity_id, action, new_values)
VALUES ('00000000-0000-4000-8000-000000000001', 'order', '00000000-0000-4000-8000-000000000021', 'create',
        '{"status": "confirmed"}');

COMMIT;
