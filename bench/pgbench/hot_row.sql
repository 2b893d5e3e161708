-- The physical ceiling of one hot row: the checkout's conditional reserve on a single product,
-- one statement per transaction. pgbench -n -f hot_row.sql -D product=UUID (pgbench substitutes variables inside quotes)
UPDATE inventory SET quantity_reserved = quantity_reserved + 1
 WHERE product_id = ':product' AND quantity_on_hand - quantity_reserved >= 1
RETURNING quantity_available;
