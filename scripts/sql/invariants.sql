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
  FROM (SELECT 1 FROM orders GROUP BY customer_id, idempotency_key HAVING count(*) > 1) d
UNION ALL
-- A course's enrolled count is kept by the statements that enrol and cancel: it must equal its
-- running (enrolled or completed) enrolments.
SELECT 'course enrolled count equals active enrolments', count(*)
  FROM course_details c
 WHERE c.enrolled_count <> (SELECT count(*) FROM enrolments e WHERE e.course_id = c.product_id AND e.status <> 'cancelled')
UNION ALL
-- An event's seats are its stock: the seats booked are exactly the seats sold (SALE rows net of
-- RETURN rows in the ledger), so bookings can never exceed what the stock allowed.
SELECT 'event booked seats equal seats sold', count(*)
  FROM event_details d
 WHERE (SELECT coalesce(sum(b.seats), 0) FROM event_bookings b WHERE b.event_id = d.product_id AND b.status = 'booked')
    <> (SELECT coalesce(-sum(t.quantity_change), 0) FROM inventory_transactions t
         WHERE t.product_id = d.product_id AND t.type IN ('sale', 'return'))
UNION ALL
-- A running enrolment or booking was granted by a paid order, and a paid order holds one for each
-- of its course and event lines: neither exists without the other. A line withdrawn from an order
-- that stays paid (a cancelled event's booking, refunded and its seats returned) holds none, nor does a
-- line of a course or event product that had no details when it was sold (a plain product then).
SELECT 'enrolments and bookings match paid orders', count(*)
  FROM (SELECT e.order_id, e.course_id AS product_id FROM enrolments e WHERE e.status <> 'cancelled'
        UNION ALL
        SELECT b.order_id, b.event_id FROM event_bookings b WHERE b.status = 'booked') granted
  FULL JOIN (SELECT i.order_id, i.product_id
               FROM order_items i
               JOIN orders o ON o.id = i.order_id
               JOIN products p ON p.id = i.product_id
              WHERE o.status IN ('confirmed', 'shipped', 'delivered')
                AND ((p.kind = 'course' AND EXISTS (SELECT 1 FROM course_details c WHERE c.product_id = p.id))
                  OR (p.kind = 'event' AND EXISTS (SELECT 1 FROM event_details e WHERE e.product_id = p.id)))
                AND NOT EXISTS (SELECT 1 FROM event_bookings b WHERE b.order_item_id = i.id AND b.status = 'cancelled')) sold
    USING (order_id, product_id)
 WHERE granted.order_id IS NULL OR sold.order_id IS NULL
UNION ALL
-- A course's rating is the average of its reviews (two decimals) and its rating count their number.
SELECT 'course rating equals its reviews', count(*)
  FROM course_details c
  LEFT JOIN (SELECT course_id, count(*) AS reviews, round(avg(rating), 2) AS average
               FROM course_reviews GROUP BY course_id) r ON r.course_id = c.product_id
 WHERE c.rating_count <> coalesce(r.reviews, 0) OR c.rating <> coalesce(r.average, 0)
UNION ALL
-- A waitlist offer holds exactly one seat while it is open, and nothing once it is not: an
-- offered entry without its active hold, or a hold without an open offer, is a seat lost or leaked.
SELECT 'waitlist offers hold one seat each', count(*)
  FROM (SELECT id FROM waitlist_entries WHERE status = 'offered') offer
  FULL JOIN (SELECT waitlist_entry_id AS id FROM reservations
              WHERE status = 'active' AND waitlist_entry_id IS NOT NULL) hold USING (id)
 WHERE offer.id IS NULL OR hold.id IS NULL;
