-- The fault suite's checks of one scenario (scripts/faults.sh): one row per check with how many
-- rows (or, where the name says so, units) break it. Before it the script loads what the clients
-- were answered into temporary tables: answers (one row per checkout), staff_ops (one per staff
-- request) and webhooks_sent (one per webhook delivery). :'product' is the rushed product and
-- :units the stock it had before the rush. scripts/sql/invariants.sql, unsettled.sql and, where
-- it exists, gateway-ledger.sql run beside it.
-- Plain SQL that also runs on a schema without refund statuses (to_jsonb reads a missing column as NULL).
WITH sold AS (
    SELECT coalesce(sum(i.quantity), 0) AS units
      FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE i.product_id = :'product' AND o.status IN ('confirmed', 'shipped', 'delivered')
), paid AS (
    -- Orders of the product that were paid at some point (confirmed_at stays set when they ship or
    -- are cancelled), but for checkouts whose client walked away: those may be paid unannounced.
    SELECT o.id, o.idempotency_key, i.quantity
      FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE i.product_id = :'product' AND o.confirmed_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.key = o.idempotency_key AND a.label = 'abandoned')
), captured AS (
    SELECT p.order_id,
           count(*) FILTER (WHERE p.amount_refunded_cents < p.amount_cents) AS kept_captures,
           sum(p.amount_cents - p.amount_refunded_cents) AS kept_cents
      FROM payments p WHERE p.status IN ('succeeded', 'refunded') GROUP BY p.order_id
), staff_refunds AS (
    SELECT order_id, sum(amount) AS answered
      FROM (SELECT DISTINCT order_id, key, amount FROM staff_ops
             WHERE op = 'refund' AND status = 200 AND race IN ('refund-concurrent', 'refund-same-key')) d
     GROUP BY order_id
)
-- Stock moves only through sales (and returns, which undo them): what is on hand plus what is
-- sold is what was stocked.
SELECT 'stock conserved: on hand + sold = stocked (units off)' AS "check",
       abs(inv.quantity_on_hand + sold.units - :units) AS violations
  FROM inventory inv, sold WHERE inv.product_id = :'product'
UNION ALL
SELECT 'nothing oversold (units beyond stock)', greatest(sold.units - :units, 0) FROM sold
UNION ALL
-- Units sold = units confirmed: every 201 is a paid order, and nobody paid without hearing 201.
SELECT 'units answered 201 = units in paid orders (units off)',
       abs((SELECT coalesce(sum(quantity), 0) FROM answers WHERE status = 201)
           - (SELECT coalesce(sum(quantity), 0) FROM paid))
UNION ALL
SELECT 'every 201 names a paid order', count(*)
  FROM answers a
 WHERE a.status = 201 AND NOT EXISTS (SELECT 1 FROM paid p WHERE p.id = a.order_id AND p.idempotency_key = a.key)
UNION ALL
SELECT 'every paid order was answered 201', count(*)
  FROM paid p WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.key = p.idempotency_key AND a.status = 201)
UNION ALL
-- Captures not refunded in full: at most one per order, and never more money than the order's total.
SELECT 'no order captured twice', count(*)
  FROM orders o JOIN captured c ON c.order_id = o.id
 WHERE c.kept_captures > 1 OR c.kept_cents > o.total_cents
UNION ALL
SELECT 'never more refunded than captured', count(*)
  FROM payments p
 WHERE p.amount_refunded_cents > p.amount_cents
    OR (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r
         WHERE r.payment_id = p.id AND coalesce(to_jsonb(r) ->> 'status', 'succeeded') <> 'failed') > p.amount_cents
UNION ALL
-- Staff races (no rows unless the staff scenario ran).
SELECT 'one refund per Idempotency-Key (same key sent twice)', count(*)
  FROM (SELECT DISTINCT order_id FROM staff_ops WHERE race = 'refund-same-key') s
 WHERE (SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE p.order_id = s.order_id AND coalesce(to_jsonb(r) ->> 'status', 'succeeded') <> 'failed') > 1
UNION ALL
SELECT 'refunds answered 200 = money refunded', count(*)
  FROM staff_refunds s
 WHERE s.answered <> (SELECT coalesce(sum(p.amount_refunded_cents), 0) FROM payments p WHERE p.order_id = s.order_id)
UNION ALL
SELECT 'a cancelled order is not shipped', count(*)
  FROM orders o WHERE o.status = 'cancelled' AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id)
UNION ALL
SELECT 'a shipped order is not refunded by a cancel', count(*)
  FROM (SELECT DISTINCT order_id FROM staff_ops WHERE race = 'cancel-ship') s
  JOIN orders o ON o.id = s.order_id
 WHERE o.status IN ('shipped', 'delivered')
   AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.amount_refunded_cents > 0)
UNION ALL
-- Webhooks (no rows unless events were sent): each handled once, each charge its payment's.
SELECT 'every webhook event processed', count(*)
  FROM webhook_events e
 WHERE e.processed_at IS NULL AND EXISTS (SELECT 1 FROM webhooks_sent w WHERE w.event_id = e.event_id)
UNION ALL
SELECT 'a webhook''s charge is its payment''s capture', count(*)
  FROM (SELECT DISTINCT gateway_key, charge_id FROM webhooks_sent) w
 WHERE NOT EXISTS (SELECT 1 FROM payments p
                    WHERE p.gateway_idempotency_key = w.gateway_key AND p.gateway_charge_id = w.charge_id
                      AND p.status IN ('succeeded', 'refunded'));
