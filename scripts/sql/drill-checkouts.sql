-- What the checkouts of one shutdown-drill run left behind: one row per idempotency key
-- starting with :'prefix' that reached the database (as an order or as a claim), giving
--   key | order status | its payments' statuses | its active reservations | the stored answer
-- ('-' where there is none, 'held' for a claim still waiting for its answer).
-- A finished checkout reads  key|confirmed|succeeded|0|201.
WITH drill_keys AS (
    SELECT customer_id, idempotency_key FROM orders
     WHERE starts_with(idempotency_key, :'prefix')
    UNION
    SELECT customer_id, idempotency_key FROM idempotency_keys
     WHERE scope = 'create-order' AND starts_with(idempotency_key, :'prefix')
)
SELECT k.idempotency_key,
       coalesce(o.status, '-'),
       coalesce((SELECT string_agg(p.status, ',' ORDER BY p.created_at) FROM payments p WHERE p.order_id = o.id), '-'),
       (SELECT count(*) FROM reservations r WHERE r.order_id = o.id AND r.status = 'active'),
       CASE WHEN c.id IS NULL THEN '-' ELSE coalesce(c.response_status::text, 'held') END
  FROM drill_keys k
  LEFT JOIN orders o ON o.customer_id = k.customer_id AND o.idempotency_key = k.idempotency_key
  LEFT JOIN idempotency_keys c
         ON c.customer_id = k.customer_id AND c.scope = 'create-order' AND c.idempotency_key = k.idempotency_key
 ORDER BY 1;
