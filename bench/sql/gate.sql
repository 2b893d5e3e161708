-- The seed gate: the ten most frequent queries, each under EXPLAIN (ANALYZE, BUFFERS) against
-- the seeded data set. Each runs twice; bench/gate.sh reports the second (warm) run.
-- Parameters are real rows picked at random (the seed's numbered handles in schema bench).
\set ON_ERROR_STOP on
SELECT setseed(0.7);
SELECT b.product_id AS pid, p.slug
  FROM bench.products b JOIN products p ON p.id = b.product_id
 ORDER BY random() LIMIT 1 \gset
SELECT user_id AS cid FROM bench.customers ORDER BY random() LIMIT 1 \gset
SELECT id AS oid FROM orders WHERE customer_id = :'cid' ORDER BY created_at DESC LIMIT 1 \gset
\set term 'steel kettle'

\o :plans
\qecho ### 1|product by id
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, sku, slug, name, description, category, kind, price_cents, currency, image_url, is_active,
       track_inventory, created_at, updated_at
FROM products WHERE id = :'pid' AND deleted_at IS NULL;
\qecho ### 2|product by slug
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, sku, slug, name, description, category, kind, price_cents, currency, image_url, is_active,
       track_inventory, created_at, updated_at
FROM products WHERE slug = :'slug' AND deleted_at IS NULL;
\qecho ### 3|product search (full text, ranked, first page)
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, sku, slug, name, category, price_cents, currency, ts_rank(search_vector, q) AS rank
FROM products, websearch_to_tsquery('english', :'term') q
WHERE search_vector @@ q AND deleted_at IS NULL AND is_active
ORDER BY rank DESC, id LIMIT 21;
\qecho ### 4|orders of a customer, newest first
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, order_number, status, subtotal_cents, shipping_cents, tax_cents, total_cents, currency, created_at
FROM orders WHERE customer_id = :'cid'
ORDER BY created_at DESC, id DESC LIMIT 21;
\qecho ### 5|order with its items
EXPLAIN (ANALYZE, BUFFERS)
SELECT o.id, o.order_number, o.status, o.total_cents, o.currency, o.created_at,
       i.product_id, i.sku, i.product_name, i.unit_price_cents, i.quantity, i.line_total_cents
FROM orders o JOIN order_items i ON i.order_id = o.id
WHERE o.id = :'oid' AND o.customer_id = :'cid';
\qecho ### 6|payments of an order
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, status, amount_cents, amount_refunded_cents, currency, gateway_charge_id, attempted_at, succeeded_at
FROM payments WHERE order_id = :'oid' ORDER BY attempted_at DESC;
\qecho ### 7|low-stock list
EXPLAIN (ANALYZE, BUFFERS)
SELECT i.product_id, p.sku, p.name, i.quantity_on_hand, i.quantity_reserved, i.quantity_available, i.reorder_point
FROM inventory i JOIN products p ON p.id = i.product_id
WHERE i.quantity_available < i.reorder_point
ORDER BY i.product_id LIMIT 50;
\qecho ### 8|stock check
EXPLAIN (ANALYZE, BUFFERS)
SELECT product_id, quantity_available FROM inventory WHERE product_id = ANY (ARRAY[:'pid']::uuid[]);
\qecho ### 9|audit trail of an entity
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, user_id, action, old_values, new_values, ip_address, created_at
FROM audit_logs WHERE entity_type = 'order' AND entity_id = :'oid'
ORDER BY created_at DESC LIMIT 50;
\qecho ### 10|audit trail of a user
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, entity_type, entity_id, action, created_at
FROM audit_logs WHERE user_id = :'cid'
ORDER BY created_at DESC LIMIT 50;
\o
