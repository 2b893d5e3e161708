-- Loads a realistic data set into a freshly migrated orderflow database, set-based and in
-- batches, as the owner role. Every CHECK, FK and the deferred subtotal trigger stay on: the
-- data is built to satisfy them, and the database checks it while loading.
--
--   psql -v products=100000 -v customers=50000 -v orders=1000000 -v audit=1000000 -v batch=50000 -f seed.sql
--
-- Also fills the schema `bench` with numbered handles (bench.products, bench.customers) that
-- pgbench scripts and the HTTP load generators use to pick random rows.
-- Every seeded customer's password is 'bench-password' (a cost-4 bcrypt hash, so that
-- logging in thousands of load-test buyers takes seconds; login cost is not what the
-- scenarios measure).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\timing on

SELECT set_config('seed.products', :'products', false),
       set_config('seed.customers', :'customers', false),
       set_config('seed.orders', :'orders', false),
       set_config('seed.audit', :'audit', false),
       set_config('seed.batch', :'batch', false);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM products WHERE sku LIKE 'BENCH-%') THEN
        RAISE EXCEPTION 'this database is already seeded; seed a fresh one (make seed recreates it)';
    END IF;
END $$;

SELECT setseed(0.42);


DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.products (n integer PRIMARY KEY, product_id uuid NOT NULL);
CREATE TABLE bench.customers (
    n integer PRIMARY KEY, user_id uuid NOT NULL, email text NOT NULL,
    address_id uuid NOT NULL, payment_method_id uuid NOT NULL);

\echo [seed] products and inventory
INSERT INTO bench.products (n, product_id)
SELECT n, gen_random_uuid() FROM generate_series(1, current_setting('seed.products')::int) n;

INSERT INTO products (id, sku, slug, name, description, category, kind, price_cents, cost_cents, currency, created_at, updated_at)
SELECT b.product_id, 'BENCH-' || lpad(n::text, 7, '0'),
       adj || '-' || mat || '-' || noun || '-' || n,
       initcap(adj) || ' ' || initcap(mat) || ' ' || initcap(noun) || ' ' || n,
       'A ' || adj || ' ' || noun || ' in ' || mat || ', from the ' || cat || ' range. Ships in 2 days.',
       cat, 'physical', price, price * 6 / 10, 'USD', created, created
FROM bench.products b,
LATERAL (SELECT
    (ARRAY['classic','modern','compact','deluxe','rugged','vintage','smart','organic','portable','premium',
           'ultra','slim','heavy','bright','quiet','rapid','soft','bold','eco','pro'])[1 + n % 20] AS adj,
    (ARRAY['steel','oak','cotton','leather','glass','bamboo','ceramic','wool','carbon','linen'])[1 + (n / 20) % 10] AS mat,
    (ARRAY['lamp','chair','kettle','backpack','jacket','blender','desk','mug','speaker','watch','bottle','pan',
           'knife','tent','helmet','scarf','wallet','clock','vase','drone','camera','router','keyboard','mouse',
           'pillow','blanket','shoe','belt','glove','stool'])[1 + (n / 200) % 30] AS noun,
    (ARRAY['kitchen','outdoor','office','fashion','electronics','home','sports','travel','garden','toys',
           'beauty','books'])[1 + (n * 7) % 12] AS cat,
    (199 + (n * 7919) % 49800)::bigint AS price,
    now() - ((n * 7919) % 730) * interval '1 day' - n * interval '1 second' AS created) v;

-- One product in a hundred sits under its reorder point: the low-stock list has work to do.
INSERT INTO inventory (product_id, quantity_on_hand, reorder_point, warehouse_location, last_counted_at)
SELECT product_id, CASE WHEN n % 100 = 0 THEN 5 ELSE 200 + (n * 37) % 800 END, 10, 'WH-' || (n % 5 + 1), now() - interval '7 days'
FROM bench.products;

-- The ledger explains every unit on hand: one purchase per product.
INSERT INTO inventory_transactions (product_id, type, quantity_change, notes, created_at)
SELECT i.product_id, 'purchase', i.quantity_on_hand, 'initial stock', now() - interval '400 days'
FROM inventory i JOIN bench.products b USING (product_id);

\echo [seed] customers, addresses and cards
INSERT INTO bench.customers (n, user_id, email, address_id, payment_method_id)
SELECT n, gen_random_uuid(), 'customer' || n || '@bench.orderflow.test', gen_random_uuid(), gen_random_uuid()
FROM generate_series(1, current_setting('seed.customers')::int) n;

INSERT INTO users (id, email, password_hash, first_name, last_name, phone, role, email_verified, created_at, updated_at)
SELECT user_id, email,
       '$2a$04$sL0kFaRGu/DMR1gAmFVneugjUBZ53Zl.2z7YDOhNsG5MlIp5llYZi',
       (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Ken','Frances','John','Radia'])[1 + n % 10],
       (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Thompson','Allen','Backus','Perlman'])[1 + (n / 10) % 10],
       '+1555' || lpad((n % 10000000)::text, 7, '0'), 'customer', true, created, created
FROM bench.customers, LATERAL (SELECT now() - interval '400 days' - (n % 300) * interval '1 day' AS created) v;

INSERT INTO user_addresses (id, user_id, type, line1, city, state, postal_code, country, is_default, created_at, updated_at)
SELECT address_id, user_id, 'shipping', (100 + n % 900) || ' Main Street', 'Springfield', 'IL',
       lpad((n % 99999)::text, 5, '0'), 'US', true, now() - interval '400 days', now() - interval '400 days'
FROM bench.customers;

INSERT INTO user_payment_methods (id, user_id, gateway_payment_method_id, card_last4, card_brand, exp_month, exp_year,
                                  is_default, created_at, updated_at)
SELECT payment_method_id, user_id, 'pm_visa_' || md5(user_id::text), '4242', 'visa', 12, 2034, true,
       now() - interval '400 days', now() - interval '400 days'
FROM bench.customers;

ANALYZE products, inventory, users, user_addresses, user_payment_methods, bench.products, bench.customers;

\echo [seed] past monthly audit partitions
-- ensure_audit_partitions covers this month onwards; history needs the months before it.
DO $$
DECLARE
    month_start date;
    partition_name text;
BEGIN
    FOR i IN 1..13 LOOP
        month_start := (date_trunc('month', now() AT TIME ZONE 'UTC') - i * interval '1 month')::date;
        partition_name := 'audit_logs_' || to_char(month_start, 'YYYY_MM');
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)',
                           partition_name, month_start::timestamp AT TIME ZONE 'UTC',
                           (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        END IF;
    END LOOP;
END $$;

\echo [seed] orders with items and payments
CREATE UNLOGGED TABLE bench.seed_orders (
    i integer PRIMARY KEY, id uuid NOT NULL, customer_id uuid NOT NULL, address_id uuid NOT NULL,
    payment_method_id uuid NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL);
CREATE UNLOGGED TABLE bench.seed_lines (
    i integer NOT NULL, product_id uuid NOT NULL, sku text NOT NULL, name text NOT NULL,
    unit_price bigint NOT NULL, quantity integer NOT NULL);

-- The deferred subtotal triggers re-read every order once per order row and once per line
-- (about 60 µs each here, most of the load time at 1M orders). They are switched off for the
-- bulk load only, and the same rule is checked below for every order in one set-based pass
-- before they are switched back on. One batch per transaction.
ALTER TABLE orders DISABLE TRIGGER orders_subtotal_matches_lines;
ALTER TABLE order_items DISABLE TRIGGER order_items_subtotal_matches_lines;
SET client_min_messages = notice;
DO $$
DECLARE
    p integer := current_setting('seed.products')::int;
    c integer := current_setting('seed.customers')::int;
    total integer := current_setting('seed.orders')::int;
    batch integer := current_setting('seed.batch')::int;
    lo integer := 1;
    hi integer;
BEGIN
    WHILE lo <= total LOOP
        hi := least(lo + batch - 1, total);
        TRUNCATE bench.seed_orders, bench.seed_lines;

        -- Every customer gets an equal share; ages leave room for each status's timeline.
        -- Statuses: 70% delivered, 10% shipped, 10% confirmed, 10% cancelled.
        INSERT INTO bench.seed_orders
        SELECT i, gen_random_uuid(), bc.user_id, bc.address_id, bc.payment_method_id,
               CASE i % 10 WHEN 6 THEN 'shipped' WHEN 7 THEN 'confirmed' WHEN 8 THEN 'cancelled' ELSE 'delivered' END,
               now() - interval '4 days' - random() * interval '361 days'
        FROM generate_series(lo, hi) i
        JOIN bench.customers bc ON bc.n = 1 + (i - 1) % c;

        -- 1 to 4 distinct products per order, spread over the whole catalog.
        INSERT INTO bench.seed_lines
        SELECT o.i, pr.id, pr.sku, pr.name, pr.price_cents, 1 + (o.i + k) % 3
        FROM bench.seed_orders o
        CROSS JOIN LATERAL generate_series(0, o.i % 4) k
        JOIN bench.products bp ON bp.n = 1 + ((o.i::bigint * 7919 + k * greatest(p / 4, 1)) % p)
        JOIN products pr ON pr.id = bp.product_id;

        INSERT INTO orders (id, customer_id, order_number, status, subtotal_cents, shipping_cents, tax_cents, total_cents,
                            currency, shipping_address_id, billing_address_id, idempotency_key,
                            created_at, updated_at, confirmed_at, shipped_at, delivered_at, cancelled_at, cancellation_reason)
        SELECT o.id, o.customer_id,
               'ORD-' || to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('order_number_seq')::text, 7, '0'),
               o.status, s.subtotal, m.shipping, m.tax, s.subtotal + m.shipping + m.tax,
               'USD', o.address_id, o.address_id, 'seed-' || o.i,
               o.created_at,
               o.created_at + CASE o.status WHEN 'delivered' THEN interval '3 days' WHEN 'shipped' THEN interval '1 day'
                                            WHEN 'cancelled' THEN interval '30 minutes' ELSE interval '2 minutes' END,
               CASE WHEN o.status <> 'cancelled' THEN o.created_at + interval '2 minutes' END,
               CASE WHEN o.status IN ('shipped', 'delivered') THEN o.created_at + interval '1 day' END,
               CASE WHEN o.status = 'delivered' THEN o.created_at + interval '3 days' END,
               CASE WHEN o.status = 'cancelled' THEN o.created_at + interval '30 minutes' END,
               CASE WHEN o.status = 'cancelled' THEN 'payment not completed' END
        FROM bench.seed_orders o
        JOIN (SELECT i, sum(unit_price * quantity) AS subtotal FROM bench.seed_lines GROUP BY i) s USING (i)
        CROSS JOIN LATERAL (SELECT CASE WHEN s.subtotal >= 5000 THEN 0 ELSE 499 END AS shipping,
                                   s.subtotal * 8 / 100 AS tax) m;

        INSERT INTO order_items (order_id, product_id, sku, product_name, unit_price_cents, quantity, line_total_cents, created_at)
        SELECT o.id, l.product_id, l.sku, l.name, l.unit_price, l.quantity, l.unit_price * l.quantity, o.created_at
        FROM bench.seed_lines l JOIN bench.seed_orders o USING (i);

        -- Captured orders: one succeeded payment for the whole total. Half the cancelled
        -- ones saw a declined card first.
        INSERT INTO payments (order_id, payment_method_id, amount_cents, currency, status, gateway_charge_id,
                              gateway_idempotency_key, failure_reason, attempted_at, succeeded_at, failed_at, created_at, updated_at)
        SELECT o.id, o.payment_method_id, ord.total_cents, 'USD',
               CASE WHEN o.status = 'cancelled' THEN 'failed' ELSE 'succeeded' END,
               CASE WHEN o.status <> 'cancelled' THEN 'ch_seed_' || replace(o.id::text, '-', '') END,
               'seed-charge-' || o.id,
               CASE WHEN o.status = 'cancelled' THEN 'card_declined' END,
               o.created_at + interval '1 minute',
               CASE WHEN o.status <> 'cancelled' THEN o.created_at + interval '2 minutes' END,
               CASE WHEN o.status = 'cancelled' THEN o.created_at + interval '2 minutes' END,
               o.created_at + interval '1 minute', o.created_at + interval '2 minutes'
        FROM bench.seed_orders o JOIN orders ord ON ord.id = o.id
        WHERE o.status <> 'cancelled' OR o.i % 20 = 8;

        COMMIT;
        RAISE NOTICE '[seed] orders % of %', hi, total;
        lo := hi + 1;
    END LOOP;
END $$;

SET client_min_messages = warning;
DROP TABLE bench.seed_orders, bench.seed_lines;

DO $$
DECLARE
    bad integer;
BEGIN
    SELECT count(*) INTO bad
    FROM orders o LEFT JOIN (SELECT order_id, sum(line_total_cents) AS lines FROM order_items GROUP BY order_id) i
         ON i.order_id = o.id
    WHERE o.subtotal_cents <> coalesce(i.lines, 0);
    IF bad > 0 THEN
        RAISE EXCEPTION '% orders have a subtotal that is not the sum of their lines', bad;
    END IF;
END $$;
ALTER TABLE orders ENABLE TRIGGER orders_subtotal_matches_lines;
ALTER TABLE order_items ENABLE TRIGGER order_items_subtotal_matches_lines;

\echo [seed] audit trail
-- One 'create' row per order (its customer as the actor), then 'update' rows for the same
-- orders a day later until the requested count is reached.
INSERT INTO audit_logs (user_id, entity_type, entity_id, action, old_values, new_values, ip_address, user_agent, request_id, created_at)
SELECT o.customer_id, 'order', o.id, CASE WHEN r = 0 THEN 'create' ELSE 'update' END,
       CASE WHEN r > 0 THEN jsonb_build_object('status', 'pending') END,
       jsonb_build_object('status', o.status, 'totalCents', o.total_cents),
       ('10.' || (abs(hashtext(o.id::text)) % 250) || '.0.1')::inet, 'orderflow-ios/4.2', md5(o.id::text || r),
       o.created_at + r * interval '1 day'
FROM generate_series(0, (current_setting('seed.audit')::int - 1) / greatest(current_setting('seed.orders')::int, 1)) r
CROSS JOIN orders o
LIMIT current_setting('seed.audit')::int;

GRANT USAGE ON SCHEMA bench TO :"app_role";
GRANT SELECT ON ALL TABLES IN SCHEMA bench TO :"app_role";

\echo [seed] vacuum and analyze
VACUUM (ANALYZE) products, inventory, inventory_transactions, users, user_addresses, user_payment_methods,
    orders, order_items, payments, audit_logs, bench.products, bench.customers;
