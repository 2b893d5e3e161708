-- Payment: charges, refunds and gateway webhooks. Shipping: shipments.

CREATE TABLE payments (
    id                      uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                uuid         NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    payment_method_id       uuid         NOT NULL REFERENCES user_payment_methods (id) ON DELETE RESTRICT,
    amount_cents            bigint       NOT NULL CONSTRAINT payments_amount_check CHECK (amount_cents > 0),
    amount_refunded_cents   bigint       NOT NULL DEFAULT 0,
    currency                char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status                  varchar(16)  NOT NULL DEFAULT 'pending'
                            CONSTRAINT payments_status_check CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    gateway_charge_id       varchar(255) CONSTRAINT payments_gateway_charge_key UNIQUE,
    gateway_idempotency_key varchar(255) NOT NULL CONSTRAINT payments_gateway_idempotency_key UNIQUE,
    failure_reason          varchar(500),
    attempted_at            timestamptz  NOT NULL DEFAULT now(),
    succeeded_at            timestamptz,
    failed_at               timestamptz,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT payments_refund_within_amount CHECK (amount_refunded_cents BETWEEN 0 AND amount_cents),
    CONSTRAINT payments_refunded_in_full CHECK ((status = 'refunded') = (amount_refunded_cents = amount_cents)),
    CONSTRAINT payments_captured_has_charge CHECK (status NOT IN ('succeeded', 'refunded') OR gateway_charge_id IS NOT NULL),
    CONSTRAINT payments_failed_has_reason CHECK (status <> 'failed' OR failure_reason IS NOT NULL)
);
-- Money is taken at most once per order, and only one attempt is in flight at a time.
CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id) WHERE status IN ('succeeded', 'refunded');
CREATE UNIQUE INDEX payments_one_pending_per_order ON payments (order_id) WHERE status = 'pending';
CREATE INDEX payments_order ON payments (order_id, attempted_at DESC);
CREATE INDEX payments_pending ON payments (attempted_at) WHERE status = 'pending';
CREATE TRIGGER payments_updated_at BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE refunds (
    id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id        uuid         NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
    amount_cents      bigint       NOT NULL CONSTRAINT refunds_amount_check CHECK (amount_cents > 0),
    gateway_refund_id varchar(255) NOT NULL CONSTRAINT refunds_gateway_refund_key UNIQUE,
    reason            varchar(500),
    created_by        uuid         REFERENCES users (id) ON DELETE RESTRICT,
    created_at        timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment ON refunds (payment_id);

-- Each gateway event is processed once.
CREATE TABLE webhook_events (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id     varchar(255) NOT NULL CONSTRAINT webhook_events_event_key UNIQUE,
    type         varchar(100) NOT NULL,
    payload      jsonb        NOT NULL,
    received_at  timestamptz  NOT NULL DEFAULT now(),
    processed_at timestamptz
);

CREATE TABLE shipments (
    id                 uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id           uuid         NOT NULL CONSTRAINT shipments_order_key UNIQUE
                                    REFERENCES orders (id) ON DELETE RESTRICT,
    carrier            varchar(16)  NOT NULL
                       CONSTRAINT shipments_carrier_check CHECK (carrier IN ('usps', 'fedex', 'ups', 'dhl')),
    tracking_number    varchar(100) NOT NULL CONSTRAINT shipments_tracking_number_key UNIQUE
                       CHECK (btrim(tracking_number) <> ''),
    label_url          varchar(2048),
    estimated_delivery date,
    shipped_at         timestamptz  NOT NULL DEFAULT now(),
    delivered_at       timestamptz,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT shipments_delivered_after_shipped CHECK (delivered_at >= shipped_at)
);
CREATE TRIGGER shipments_updated_at BEFORE UPDATE ON shipments FOR EACH ROW EXECUTE FUNCTION set_updated_at();

GRANT SELECT, INSERT, UPDATE ON payments, webhook_events, shipments TO ${app_role};
GRANT SELECT, INSERT ON refunds TO ${app_role};
