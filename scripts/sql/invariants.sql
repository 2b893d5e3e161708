-- The invariants of docs/architecture.md, checkable at any time: one row per invariant with the
-- number of rows that break it (0 everywhere means the data is consistent).
-- The single source of truth for them: restore-check.sh runs it on a restored copy,
-- shutdown-drill.sh after a stop, bench/sql/verify.sql after the flash sale, and the
-- tests' Invariants.assertHold() after every concurrent scenario. Keep it one plain SQL
-- statement (no psql meta-commands): the tests send it over JDBC as it is.

-- Stock only moves through the ledger, so on_hand must be the sum of the product's ledger
-- rows (a full join: a ledger without a stock row is as broken as the other way round).
SELECT 'inventory.on_hand equals ledger sum' AS invariant, count(*) AS violations
  FROM inventory i
  FULL JOIN (SELECT product_id, sum(quantity_change) AS total
               FROM inventory_transactions GROUP BY product_id) l USING (product_id)
 WHERE coalesce(i.quantity_on_hand, 0) <> coalesce(l.total, 0)
UNION ALL
-- A reservation is the only thing that holds stock, so reserved must be the sum of the
-- product's active reservations: anything else is stock leaked or oversold.
SELECT 'inventory.reserved equals active reservations', count(*)
  FROM inventory i
  FULL JOIN (SELECT product_id, sum(quantity) AS total
               FROM reservations WHERE status = 'active' GROUP BY product_id) r USING (product_id)
 WHERE coalesce(i.quantity_reserved, 0) <> coalesce(r.total, 0)
UNION ALL
-- Negative availability means more was promised than is on the shelf.
SELECT 'inventory.available is not negative', count(*)
  FROM inventory WHERE quantity_available < 0
UNION ALL
-- A confirmed, shipped or delivered order was paid exactly once, in full. A captured
-- payment later refunded in full (status refunded) still counts as the capture; a late
-- capture (one that landed after the order was paid or given up) never does.
SELECT 'paid orders have one capture of the total', count(*)
  FROM orders o
 WHERE o.status IN ('confirmed', 'shipped', 'delivered')
   AND (SELECT count(*) FROM payments p
         WHERE p.order_id = o.id AND p.status IN ('succeeded', 'refunded') AND NOT p.late_capture
           AND p.amount_cents = o.total_cents) <> 1
UNION ALL
-- Money that must go back is on its way back: a capture on a pending or cancelled order, and
-- every late capture, is refunded in full or covered by refunds recorded and not yet
-- answered by the gateway (refunds are written PENDING before money moves).
SELECT 'captures nobody kept are refunded', count(*)
  FROM payments p
  JOIN orders o ON o.id = p.order_id
 WHERE p.status = 'succeeded'
   AND (p.late_capture OR o.status IN ('pending', 'cancelled'))
   AND p.amount_refunded_cents + (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r
                                   WHERE r.payment_id = p.id AND r.status = 'pending') < p.amount_cents
UNION ALL
-- What a payment says was refunded is what its answered refunds add up to, and what is
-- refunded or on its way back never exceeds what was captured.
SELECT 'payment refunded amount equals its refunds', count(*)
  FROM payments p
 WHERE p.amount_refunded_cents <> (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r
                                    WHERE r.payment_id = p.id AND r.status = 'succeeded')
    OR p.amount_cents < (SELECT coalesce(sum(r.amount_cents), 0) FROM refunds r
                          WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded'))
UNION ALL
-- The customer pays what the lines say: the subtotal is the lines, the total adds
-- shipping and tax (the table checks the latter; this also catches a stale subtotal).
SELECT 'order total equals lines + shipping + tax', count(*)
  FROM orders o
 WHERE o.subtotal_cents <> (SELECT coalesce(sum(i.line_total_cents), 0) FROM order_items i WHERE i.order_id = o.id)
    OR o.total_cents <> o.subtotal_cents + o.shipping_cents + o.tax_cents
UNION ALL
-- Confirming consumes an order's reservations and cancelling or expiry releases them, so
-- an active reservation on any other order is stock nobody can buy.
SELECT 'only pending orders hold reservations', count(*)
  FROM reservations r
  JOIN orders o ON o.id = r.order_id
 WHERE r.status = 'active' AND o.status <> 'pending'
UNION ALL
-- Retrying a checkout with the same key must return the first order, never make a second.
SELECT 'one order per (customer, idempotency key)', count(*)
  FROM (SELECT 1 FROM orders GROUP BY customer_id, idempotency_key HAVING count(*) > 1) d;
