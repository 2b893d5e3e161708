-- The invariants of DESIGN.md, checkable at any time: one row per invariant with the
-- number of rows that break it (0 everywhere means the data is consistent).
-- Used by restore-check.sh on a restored copy and by shutdown-drill.sh after a stop.

-- on_hand = the sum of the product's ledger rows
SELECT 'inventory.on_hand equals ledger sum' AS invariant, count(*) AS violations
  FROM inventory i
  FULL JOIN (SELECT product_id, sum(quantity_change) AS total
               FROM inventory_transactions GROUP BY product_id) l USING (product_id)
 WHERE coalesce(i.quantity_on_hand, 0) <> coalesce(l.total, 0)
UNION ALL
-- reserved = the sum of the product's active reservations
SELECT 'inventory.reserved equals active reservations', count(*)
  FROM inventory i
  FULL JOIN (SELECT product_id, sum(quantity) AS total
               FROM reservations WHERE status = 'active' GROUP BY product_id) r USING (product_id)
 WHERE coalesce(i.quantity_reserved, 0) <> coalesce(r.total, 0)
UNION ALL
SELECT 'inventory.available is not negative', count(*)
  FROM inventory WHERE quantity_available < 0
UNION ALL
-- A confirmed, shipped or delivered order was paid exactly once, in full. A captured
-- payment later refunded in full (status refunded) still counts as the capture.
SELECT 'paid orders have one capture of the total', count(*)
  FROM orders o
 WHERE o.status IN ('confirmed', 'shipped', 'delivered')
   AND (SELECT count(*) FROM payments p
         WHERE p.order_id = o.id AND p.status IN ('succeeded', 'refunded')
           AND p.amount_cents = o.total_cents) <> 1
UNION ALL
-- What a payment says was refunded is what its refund rows add up to.
SELECT 'payment refunded amount equals its refunds', count(*)
  FROM payments p
 WHERE p.amount_refunded_cents <> (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r WHERE r.payment_id = p.id)
UNION ALL
SELECT 'order total equals lines + shipping + tax', count(*)
  FROM orders o
 WHERE o.total_cents <> (SELECT coalesce(sum(i.line_total_cents), 0) FROM order_items i WHERE i.order_id = o.id)
                        + o.shipping_cents + o.tax_cents
UNION ALL
SELECT 'one order per (customer, idempotency key)', count(*)
  FROM (SELECT 1 FROM orders GROUP BY customer_id, idempotency_key HAVING count(*) > 1) d;
