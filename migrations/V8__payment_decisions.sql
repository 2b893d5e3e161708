-- Money safety: payments whose outcome is not known, captures that arrived too late, refunds
-- recorded before money moves, address snapshots on orders, idempotency locks that name
-- their holder, and the sandbox gateway's own ledger.

-- UNKNOWN: the charge was sent and no answer came back; only asking the gateway resolves it.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'unknown', 'succeeded', 'failed', 'refunded'));

-- A capture that landed after its order was paid by another attempt or given up. It is
-- recorded (the money moved) and refunded in full; it never counts as the order's payment.
ALTER TABLE payments ADD COLUMN late_capture boolean NOT NULL DEFAULT false;
ALTER TABLE payments ADD CONSTRAINT payments_late_capture_captured
    CHECK (NOT late_capture OR status IN ('succeeded', 'refunded'));

-- The order's own capture stays unique; late captures stand beside it. An attempt whose
-- outcome is unknown is still in flight: no second attempt starts until it is resolved.
DROP INDEX payments_one_capture_per_order;
CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id)
    WHERE status IN ('succeeded', 'refunded') AND NOT late_capture;
DROP INDEX payments_one_pending_per_order;
CREATE UNIQUE INDEX payments_one_pending_per_order ON payments (order_id) WHERE status IN ('pending', 'unknown');
DROP INDEX payments_pending;
CREATE INDEX payments_unsettled ON payments (attempted_at) WHERE status IN ('pending', 'unknown');
-- A lease taken by the instance asking the gateway about an unsettled attempt, so several
-- instances reconciling at once ask once.
ALTER TABLE payments ADD COLUMN reconcile_after timestamptz;

-- A refund is written PENDING (with the gateway idempotency key derived from its own id)
-- before the gateway is asked, then SUCCEEDED with the gateway's refund id, or FAILED.
-- Rows from before this migration were written after the gateway answered: SUCCEEDED.
ALTER TABLE refunds ADD COLUMN status varchar(16) NOT NULL DEFAULT 'succeeded'
    CONSTRAINT refunds_status_check CHECK (status IN ('pending', 'succeeded', 'failed'));
ALTER TABLE refunds ADD COLUMN gateway_idempotency_key varchar(255) CONSTRAINT refunds_gateway_idempotency_key UNIQUE;
ALTER TABLE refunds ADD COLUMN failure_reason varchar(500);
ALTER TABLE refunds ADD COLUMN completed_at timestamptz;
ALTER TABLE refunds ALTER COLUMN gateway_refund_id DROP NOT NULL;
ALTER TABLE refunds ADD CONSTRAINT refunds_succeeded_has_gateway_id CHECK (status <> 'succeeded' OR gateway_refund_id IS NOT NULL);
ALTER TABLE refunds ADD CONSTRAINT refunds_failed_has_reason CHECK (status <> 'failed' OR failure_reason IS NOT NULL);
-- The lease of the instance that (re)sends a pending refund to the gateway.
ALTER TABLE refunds ADD COLUMN retry_after timestamptz;
CREATE INDEX refunds_pending ON refunds (created_at) WHERE status = 'pending';
GRANT UPDATE ON refunds TO ${app_role};

-- Where the order was shipped and billed, as it was when placed: editing an address later
-- must not rewrite history. NULL only on orders placed before this migration.
ALTER TABLE orders ADD COLUMN shipping_address jsonb;
ALTER TABLE orders ADD COLUMN billing_address jsonb;

-- The instance holding a key's lock: a retry reaching that instance after the run there
-- gave up takes the key over at once instead of waiting for the lock to expire.
ALTER TABLE idempotency_keys ADD COLUMN locked_by varchar(64);
CREATE INDEX idempotency_keys_unfinished ON idempotency_keys (locked_until NULLS FIRST)
    WHERE completed_at IS NULL AND order_id IS NOT NULL;

-- The built-in sandbox gateway's ledger: what a card processor's test mode would hold,
-- per idempotency key, so tests can prove that money at the gateway equals money here.
-- Unused with a real gateway. UNLOGGED: it stands for another company's storage, so its
-- writes should not cost this database a WAL flush per charge; it survives restarts of the
-- application and clean restarts of PostgreSQL (a PostgreSQL crash empties it).
CREATE UNLOGGED TABLE sandbox_gateway_operations (
    idempotency_key varchar(255) PRIMARY KEY,
    kind            varchar(8)   NOT NULL CHECK (kind IN ('charge', 'refund')),
    charge_id       varchar(255),
    refund_id       varchar(255) CONSTRAINT sandbox_gateway_refund_key UNIQUE,
    outcome         varchar(16)  NOT NULL CHECK (outcome IN ('succeeded', 'declined')),
    decline_reason  varchar(64),
    amount_cents    bigint       NOT NULL CHECK (amount_cents > 0),
    currency        char(3),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CHECK (kind = 'charge' OR (refund_id IS NOT NULL AND charge_id IS NOT NULL)),
    CHECK (outcome = 'declined' OR charge_id IS NOT NULL)
);
CREATE INDEX sandbox_gateway_operations_charge ON sandbox_gateway_operations (charge_id);
-- UPDATE only for INSERT ... ON CONFLICT DO UPDATE, which returns the row a repeated key already wrote.
GRANT SELECT, INSERT, UPDATE ON sandbox_gateway_operations TO ${app_role};
