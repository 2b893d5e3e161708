-- After a sale (flash sale, event on sale): what was sold of the product ("name=value" lines), then the
-- invariants of docs/architecture.md over the whole database ("invariant|violations" lines);
-- bench/report.sh renders both.
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
-- An event's seats: the booked seats must equal the seats sold (nothing printed for other products).
SELECT 'booked_seats=' || sum(seats) FROM event_bookings WHERE event_id = :'product' AND status = 'booked' HAVING count(*) > 0;
SELECT 'oversold=' || greatest(0, (SELECT coalesce(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id
                                   WHERE i.product_id = :'product' AND o.status <> 'cancelled') - :units);
-- The invariants (docs/architecture.md) over the whole database, from the file every other check uses:
-- one "invariant|violations" line each (unaligned output keeps psql's | between the columns).
\ir ../../scripts/sql/invariants.sql
