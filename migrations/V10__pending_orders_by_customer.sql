-- The reserve step counts a customer's pending orders (checkout hold limits) on every checkout.
CREATE INDEX orders_pending_by_customer ON orders (customer_id) WHERE status = 'pending';
