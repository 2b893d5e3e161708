-- The seed gate: the ten most frequent queries, each under EXPLAIN (ANALYZE, BUFFERS) against
-- the seeded data set. The SQL is the application's own (the constant named before each one),
-- PREPAREd and executed five times first as the app's prepared-statement cache does, so the
-- plan shown is the one the app gets from then on (PostgreSQL may switch to a generic plan at
-- the sixth execution). Audit rows have no reader in the app yet: 9 and 10 are the index's
-- intended queries. Parameters are real rows picked at random. bench/gate.sh runs this twice
-- and reports the second (warm) run.
\set ON_ERROR_STOP on
SELECT setseed(0.7);
SELECT b.product_id AS pid, p.slug
  FROM bench.products b JOIN products p ON p.id = b.product_id
 ORDER BY random() LIMIT 1 \gset
SELECT user_id AS cid FROM bench.customers ORDER BY random() LIMIT 1 \gset
SELECT id AS oid FROM orders WHERE customer_id = :'cid' ORDER BY created_at DESC LIMIT 1 \gset
\set term 'steel kettle'

-- catalog.ProductQueries.FIND_LIVE
PREPARE q1 (uuid) AS SELECT id, sku, slug, name, description, category, kind, price_cents, cost_cents, currency, image_url,
       is_active, track_inventory, created_at, updated_at FROM products WHERE id = $1 AND deleted_at IS NULL;
-- catalog.ProductQueries.FIND_LIVE_BY_SLUG
PREPARE q2 (text) AS SELECT id, sku, slug, name, description, category, kind, price_cents, cost_cents, currency, image_url,
       is_active, track_inventory, created_at, updated_at FROM products WHERE slug = $1 AND deleted_at IS NULL;
-- catalog.ProductQueries.RELEVANCE (first page: no cursor, 20 + 1 rows)
PREPARE q3 (boolean, text, text, text, bigint, bigint, real, uuid, integer) AS
SELECT id, sku, slug, name, description, category, kind, price_cents, cost_cents, currency, image_url,
       is_active, track_inventory, created_at, updated_at, ts_rank(search_vector, websearch_to_tsquery('english', $2)) AS rank
FROM products
WHERE deleted_at IS NULL
  AND (is_active OR $1)
  AND ($2::text IS NULL OR search_vector @@ websearch_to_tsquery('english', $2))
  AND ($3::text IS NULL OR category = $3)
  AND ($4::text IS NULL OR kind = $4)
  AND ($5::bigint IS NULL OR price_cents >= $5)
  AND ($6::bigint IS NULL OR price_cents <= $6)
  AND search_vector @@ websearch_to_tsquery('english', $2)
  AND (ts_rank(search_vector, websearch_to_tsquery('english', $2)), id)
      < (coalesce($7, 'Infinity'::real), coalesce($8, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
ORDER BY rank DESC, id DESC
LIMIT $9;
-- ordering.Orders.MINE_FIRST_PAGE
PREPARE q4 (uuid, varchar, integer) AS
SELECT id, order_number, status, total_cents, currency, created_at FROM orders
WHERE customer_id = $1 AND ($2::varchar IS NULL OR status = $2)
ORDER BY created_at DESC, id DESC LIMIT $3;
-- ordering.Orders.ORDER and ordering.Orders.ITEMS
PREPARE q5a (uuid) AS
SELECT id, order_number, customer_id, status, subtotal_cents, shipping_cents, tax_cents, total_cents, currency,
       shipping_address_id, billing_address_id, created_at, confirmed_at, cancelled_at, cancellation_reason
FROM orders WHERE id = $1;
PREPARE q5b (uuid) AS
SELECT product_id, sku, product_name, unit_price_cents, quantity, line_total_cents
FROM order_items WHERE order_id = $1 ORDER BY product_id;
-- ordering.Orders.LATEST_PAYMENT
PREPARE q6 (uuid) AS
SELECT id, status, amount_cents, amount_refunded_cents, failure_reason
FROM payments WHERE order_id = $1 ORDER BY attempted_at DESC, created_at DESC LIMIT 1;
-- inventory.StockLedger.LOW_STOCK_PAGE (first page)
PREPARE q7 (uuid, integer) AS
SELECT i.product_id, p.sku, p.name, i.quantity_on_hand, i.quantity_reserved, i.quantity_available, i.reorder_point
FROM inventory i JOIN products p ON p.id = i.product_id
WHERE i.quantity_available < i.reorder_point
  AND i.product_id > coalesce($1, '00000000-0000-0000-0000-000000000000'::uuid)
  AND p.track_inventory AND p.deleted_at IS NULL
ORDER BY i.product_id
LIMIT $2;
-- inventory.StockLedger.AVAILABILITY (the checkout's and the cart's stock check)
PREPARE q8 (uuid[]) AS
SELECT product_id, quantity_available, reorder_point FROM inventory WHERE product_id = ANY($1);
PREPARE q9 (varchar, uuid) AS
SELECT id, user_id, action, old_values, new_values, ip_address, created_at
FROM audit_logs WHERE entity_type = $1 AND entity_id = $2 ORDER BY created_at DESC LIMIT 50;
PREPARE q10 (uuid) AS
SELECT id, entity_type, entity_id, action, created_at
FROM audit_logs WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50;

\o /dev/null
SELECT format('EXECUTE q1 (%L)', :'pid') AS x1, format('EXECUTE q2 (%L)', :'slug') AS x2,
       format('EXECUTE q3 (false, %L, NULL, NULL, NULL, NULL, NULL, NULL, 21)', :'term') AS x3,
       format('EXECUTE q4 (%L, NULL, 21)', :'cid') AS x4, format('EXECUTE q5a (%L)', :'oid') AS x5a,
       format('EXECUTE q5b (%L)', :'oid') AS x5b, format('EXECUTE q6 (%L)', :'oid') AS x6,
       'EXECUTE q7 (NULL, 51)' AS x7, format('EXECUTE q8 (ARRAY[%L]::uuid[])', :'pid') AS x8,
       format('EXECUTE q9 (%L, %L)', 'order', :'oid') AS x9, format('EXECUTE q10 (%L)', :'cid') AS x10 \gset
:x1; :x1; :x1; :x1; :x1;
:x2; :x2; :x2; :x2; :x2;
:x3; :x3; :x3; :x3; :x3;
:x4; :x4; :x4; :x4; :x4;
:x5a; :x5a; :x5a; :x5a; :x5a;
:x5b; :x5b; :x5b; :x5b; :x5b;
:x6; :x6; :x6; :x6; :x6;
:x7; :x7; :x7; :x7; :x7;
:x8; :x8; :x8; :x8; :x8;
:x9; :x9; :x9; :x9; :x9;
:x10; :x10; :x10; :x10; :x10;

\o :plans
\qecho ### 1|product by id (FIND_LIVE)
EXPLAIN (ANALYZE, BUFFERS) :x1;
\qecho ### 2|product by slug (FIND_LIVE_BY_SLUG)
EXPLAIN (ANALYZE, BUFFERS) :x2;
\qecho ### 3|product search, first page (RELEVANCE)
EXPLAIN (ANALYZE, BUFFERS) :x3;
\qecho ### 4|orders of a customer, newest first (MINE_FIRST_PAGE)
EXPLAIN (ANALYZE, BUFFERS) :x4;
\qecho ### 5a|order with its items: the order (ORDER)
EXPLAIN (ANALYZE, BUFFERS) :x5a;
\qecho ### 5b|order with its items: the items (ITEMS)
EXPLAIN (ANALYZE, BUFFERS) :x5b;
\qecho ### 6|payment of an order (LATEST_PAYMENT)
EXPLAIN (ANALYZE, BUFFERS) :x6;
\qecho ### 7|low-stock list, first page (LOW_STOCK_PAGE)
EXPLAIN (ANALYZE, BUFFERS) :x7;
\qecho ### 8|stock check (AVAILABILITY)
EXPLAIN (ANALYZE, BUFFERS) :x8;
\qecho ### 9|audit trail of an entity
EXPLAIN (ANALYZE, BUFFERS) :x9;
\qecho ### 10|audit trail of a user
EXPLAIN (ANALYZE, BUFFERS) :x10;
\o
DEALLOCATE ALL;
