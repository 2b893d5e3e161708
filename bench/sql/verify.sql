-- After the flash sale: what was sold of the flash SKU, and the invariants of DESIGN.md over
-- the whole database. Prints one "name=value" line per check; bench/report.sh renders them.
--   psql -v product=UUID -v units=N -f verify.sql
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
SELECT 'units=' || :units;
SELECT 'sold=' || coalesce(sum(i.quantity), 0)
FROM order_items i JOIN orders o ON o.id = i.order_id
WHERE i.product_id = :'product' AND o.status IN ('confirmed', 'shipped', 'delivered');
SELECT 'confirmed_orders=' || count(*)
FROM orders o WHERE o.status = 'confirmed' AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = :'product');
SELECT 'pending_orders=' || count(*)
FROM orders o WHERE o.status = 'pending' AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = :'product');
SELECT 'ledger_sales=' || coalesce(-sum(quantity_change), 0) FROM inventory_transactions WHERE product_id = :'product' AND type = 'sale';
SELECT 'on_hand=' || quantity_on_hand || ' reserved=' || quantity_reserved || ' available=' || quantity_available
FROM inventory WHERE product_id = :'product';
SELECT 'oversold=' || greatest(0, (SELECT coalesce(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id
                                   WHERE i.product_id = :'product' AND o.status <> 'cancelled') - :units);
-- Invariants, whole database.
SELECT 'products_on_hand_not_ledger=' || count(*)
FROM inventory v LEFT JOIN (SELECT product_id, sum(quantity_change) AS total FROM inventory_transactions GROUP BY product_id) l
     USING (product_id)
WHERE v.quantity_on_hand <> coalesce(l.total, 0);
SELECT 'products_reserved_not_reservations=' || count(*)
FROM inventory v LEFT JOIN (SELECT product_id, sum(quantity) AS total FROM reservations WHERE status = 'active' GROUP BY product_id) r
     USING (product_id)
WHERE v.quantity_reserved <> coalesce(r.total, 0);
SELECT 'products_negative_available=' || count(*) FROM inventory WHERE quantity_available < 0;
-- Captured orders hold one captured payment of exactly the order total (refunds are tracked on it).
SELECT 'captured_orders_without_one_matching_payment=' || count(*)
FROM orders o
WHERE o.status IN ('confirmed', 'shipped', 'delivered')
  AND (SELECT count(*) FROM payments p
        WHERE p.order_id = o.id AND p.status IN ('succeeded', 'refunded') AND p.amount_cents = o.total_cents) <> 1;
SELECT 'duplicate_idempotency_keys=' || count(*)
FROM (SELECT 1 FROM orders GROUP BY customer_id, idempotency_key HAVING count(*) > 1) d;
