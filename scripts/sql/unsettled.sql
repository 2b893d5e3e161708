-- What a crash or an outage may leave half-done and the recovery jobs must finish: one row per
-- kind with how many there are (0 everywhere once everything has settled). The fault suite polls
-- it after each scenario. A pending order whose checkout answered 402 holds its stock on purpose
-- (its customer may pay again until the reservation expires), so it does not count.
-- Plain SQL that also runs on a schema without refund statuses (to_jsonb reads a missing column as NULL).
SELECT 'pending orders holding stock' AS unsettled, count(*) AS violations
  FROM orders o
 WHERE o.status = 'pending'
   AND EXISTS (SELECT 1 FROM reservations r WHERE r.order_id = o.id AND r.status = 'active')
   AND NOT EXISTS (SELECT 1 FROM idempotency_keys k
                    WHERE k.customer_id = o.customer_id AND k.scope = 'create-order'
                      AND k.idempotency_key = o.idempotency_key AND k.response_status = 402)
UNION ALL
SELECT 'payments pending or unknown', count(*)
  FROM payments WHERE status IN ('pending', 'unknown')
UNION ALL
SELECT 'refunds pending', count(*)
  FROM refunds r WHERE to_jsonb(r) ->> 'status' = 'pending';
