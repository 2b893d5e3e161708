-- One checkout at the SQL level, run by pgbench as the application role, in the order the
-- checkout pipeline (ordering.CheckoutPipeline) runs it: claim the idempotency key; the
-- ownership and price reads; the reserve transaction (order with its address snapshots, line,
-- pending payment, key linked, audit, then the reservation and the conditional reserve last); the
-- sandbox gateway's ledger write (the charge); the settle transaction (order row then payment row
-- locked, payment succeeded, order confirmed, reservation consumed, audit, SALE ledger row, stock sold last);
-- the order read back and the key's response stored (pgbench sends one statement at a time where the
-- service sends some together). A random seeded customer, one unit of a random product, as the
-- HTTP checkout scenario sends.
-- pgbench -n -f checkout.sql -D customers=N -D products=M
\set c random(1, :customers)
\set p random(1, :products)
-- What the service reads first: the customer's address and card, the product's price.
SELECT user_id AS customer_id, address_id, payment_method_id FROM bench.customers WHERE n = :c \gset
INSERT INTO idempotency_keys (id, customer_id, scope, idempotency_key, request_hash, locked_until, locked_by, expires_at)
VALUES (gen_random_uuid(), ':customer_id', 'orders:create', gen_random_uuid()::text, md5(random()::text) || md5(random()::text),
        now() + make_interval(secs => 30), 'pgbench', now() + make_interval(secs => 86400))
ON CONFLICT (customer_id, scope, idempotency_key) DO NOTHING
RETURNING id AS idempotency_id, idempotency_key \gset
SELECT id, line1, line2, city, state, postal_code, country FROM user_addresses
 WHERE id = ANY(ARRAY[':address_id']::uuid[]) AND user_id = ':customer_id' AND deleted_at IS NULL;
SELECT gateway_payment_method_id FROM user_payment_methods WHERE id = ':payment_method_id' AND user_id = ':customer_id' AND deleted_at IS NULL;
SELECT id AS product_id, sku, name AS product_name, price_cents, currency FROM products
 WHERE id = (SELECT product_id FROM bench.products WHERE n = :p) AND is_active AND deleted_at IS NULL \gset

BEGIN;
INSERT INTO orders (customer_id, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
                    shipping_address_id, billing_address_id, idempotency_key, shipping_address, billing_address)
VALUES (':customer_id', :price_cents, 499, :price_cents * 8 / 100, :price_cents + 499 + :price_cents * 8 / 100, ':currency',
        ':address_id', ':address_id', ':idempotency_key',
        '{"line1": "1 Bench St", "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US"}',
        '{"line1": "1 Bench St", "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US"}')
RETURNING id AS order_id, total_cents \gset
INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents)
VALUES (':order_id', ':product_id', ':sku', ':product_name', :price_cents, 1, :price_cents);
INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, gateway_idempotency_key)
VALUES (':order_id', ':payment_method_id', :total_cents, ':currency', 'pay-' || ':order_id')
RETURNING id AS payment_id \gset
UPDATE idempotency_keys SET order_id = ':order_id' WHERE id = ':idempotency_id';
INSERT INTO audit_logs (user_id, entity_type, entity_id, action, old_values, new_values, ip_address, user_agent, request_id)
VALUES (':customer_id', 'order', ':order_id', 'create', NULL, jsonb_build_object('status', 'pending', 'totalCents', :total_cents),
        '127.0.0.1'::inet, 'pgbench', md5(random()::text)),
       (':customer_id', 'payment', ':payment_id', 'create', NULL, jsonb_build_object('status', 'pending'),
        '127.0.0.1'::inet, 'pgbench', md5(random()::text));
INSERT INTO reservations (order_id, product_id, quantity, expires_at)
SELECT ':order_id', line.product_id, line.quantity, now() + interval '15 minutes'
FROM unnest(ARRAY[':product_id']::uuid[], ARRAY[1]::int[]) AS line (product_id, quantity);
UPDATE inventory SET quantity_reserved = quantity_reserved + 1
 WHERE product_id = ':product_id' AND quantity_on_hand - quantity_reserved >= 1
RETURNING quantity_available;
COMMIT;

-- The gateway charge, outside any transaction: the sandbox gateway records it in its ledger.
INSERT INTO sandbox_gateway_operations (idempotency_key, kind, charge_id, outcome, decline_reason, amount_cents, currency)
VALUES ('pay-' || ':order_id', 'charge', 'ch_' || md5(random()::text), 'succeeded', NULL, :total_cents, ':currency')
ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
RETURNING charge_id, outcome, decline_reason, amount_cents, xmax = 0 AS first_call;

BEGIN;
SELECT o.id, o.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.id = ':payment_id' FOR UPDATE OF o;
SELECT id, status FROM payments WHERE id = ':payment_id' FOR UPDATE;
UPDATE payments SET status = 'succeeded', gateway_charge_id = 'ch_' || md5(random()::text), succeeded_at = now()
 WHERE id = ':payment_id' AND status = 'pending';
UPDATE orders SET status = 'confirmed', confirmed_at = now() WHERE id = ':order_id' AND status = 'pending';
UPDATE reservations SET status = 'consumed' WHERE order_id = ':order_id' AND status = 'active'
RETURNING product_id, quantity;
INSERT INTO audit_logs (user_id, entity_type, entity_id, action, old_values, new_values, ip_address, user_agent, request_id)
VALUES (':customer_id', 'payment', ':payment_id', 'update', jsonb_build_object('status', 'pending'),
        jsonb_build_object('status', 'succeeded'), '127.0.0.1'::inet, 'pgbench', md5(random()::text)),
       (':customer_id', 'order', ':order_id', 'update', jsonb_build_object('status', 'pending'),
        jsonb_build_object('status', 'confirmed'), '127.0.0.1'::inet, 'pgbench', md5(random()::text));
INSERT INTO inventory_transactions (product_id, order_id, type, quantity_change, created_by)
SELECT line.product_id, ':order_id', 'sale', line.quantity_change, ':customer_id'
FROM unnest(ARRAY[':product_id']::uuid[], ARRAY[-1]::int[]) AS line (product_id, quantity_change);
UPDATE inventory SET quantity_on_hand = quantity_on_hand - 1, quantity_reserved = quantity_reserved - 1
 WHERE product_id = ':product_id';
COMMIT;

SELECT id, order_number, customer_id, status, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
       shipping_address_id, billing_address_id, created_at, confirmed_at, cancelled_at, cancellation_reason
FROM orders WHERE id = ':order_id';
SELECT product_id, sku, product_name, unit_price_cents, quantity, line_total_cents
FROM order_items WHERE order_id = ':order_id' ORDER BY product_id;
UPDATE idempotency_keys SET response_status = 201, response_body = jsonb_build_object('id', ':order_id', 'status', 'confirmed'),
       completed_at = now(), locked_until = NULL
 WHERE id = ':idempotency_id';
