-- Money at the sandbox gateway equals money in the database: one row per payment (and its
-- order) where they differ, nothing when they agree. Only meaningful with the built-in sandbox
-- gateway, whose ledger is the table sandbox_gateway_operations. Run it once the rush is over
-- and the recovery jobs had their minute: a refund between the gateway's answer and its
-- record, or an attempt still UNKNOWN, differs for that moment. One plain SQL statement (no
-- psql meta-commands), so tests can send it over JDBC and filter it by order.
SELECT 'gateway capture is the recorded capture' AS check, p.order_id, p.id AS payment_id
  FROM payments p
  LEFT JOIN sandbox_gateway_operations c
         ON c.idempotency_key = p.gateway_idempotency_key AND c.kind = 'charge' AND c.outcome = 'succeeded'
 WHERE (p.status IN ('succeeded', 'refunded')) <> (c.idempotency_key IS NOT NULL)
    OR c.charge_id <> p.gateway_charge_id
    OR c.amount_cents <> p.amount_cents
UNION ALL
SELECT 'gateway refunds are the recorded refunds', p.order_id, p.id
  FROM payments p
 WHERE p.gateway_charge_id IS NOT NULL
   AND p.amount_refunded_cents <> (SELECT coalesce(sum(r.amount_cents), 0) FROM sandbox_gateway_operations r
                                    WHERE r.kind = 'refund' AND r.charge_id = p.gateway_charge_id)
UNION ALL
SELECT 'gateway charge without a payment', NULL, NULL
  FROM sandbox_gateway_operations c
 WHERE c.kind = 'charge' AND c.idempotency_key LIKE 'pay\_%'
   AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.gateway_idempotency_key = c.idempotency_key);
