-- Ordering: orders, their lines, and the idempotency records of the checkout.

CREATE SEQUENCE order_number_seq;

-- Human-readable order numbers: ORD-2026-000123 (more digits once past a million).
CREATE FUNCTION next_order_number() RETURNS varchar
LANGUAGE sql AS $$
    SELECT 'ORD-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
    FROM (SELECT nextval('order_number_seq') AS n) s
$$;

CREATE TABLE orders (
    id                  uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id         uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    order_number        varchar(32)  NOT NULL DEFAULT next_order_number() CONSTRAINT orders_order_number_key UNIQUE,
    status              varchar(16)  NOT NULL DEFAULT 'pending'
                        CONSTRAINT orders_status_check CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    subtotal_cents      bigint       NOT NULL CHECK (subtotal_cents > 0),
    shipping_cents      bigint       NOT NULL DEFAULT 0 CHECK (shipping_cents >= 0),
    tax_cents           bigint       NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
    total_cents         bigint       NOT NULL,
    currency            char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    shipping_address_id uuid         NOT NULL REFERENCES user_addresses (id) ON DELETE RESTRICT,
    billing_address_id  uuid         NOT NULL REFERENCES user_addresses (id) ON DELETE RESTRICT,
    idempotency_key     varchar(255) NOT NULL CHECK (idempotency_key <> ''),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    confirmed_at        timestamptz,
    shipped_at          timestamptz,
    delivered_at        timestamptz,
    cancelled_at        timestamptz,
    cancellation_reason varchar(255),
    CONSTRAINT orders_total_adds_up CHECK (total_cents = subtotal_cents + shipping_cents + tax_cents),
    CONSTRAINT orders_confirmed_after_created CHECK (confirmed_at >= created_at),
    CONSTRAINT orders_shipped_after_created CHECK (shipped_at >= created_at),
    CONSTRAINT orders_delivered_after_shipped CHECK (delivered_at >= shipped_at),
    CONSTRAINT orders_cancelled_after_created CHECK (cancelled_at >= created_at),
    CONSTRAINT orders_delivered_or_cancelled CHECK (delivered_at IS NULL OR cancelled_at IS NULL),
    -- Each status carries the timestamps that prove how it got there.
    CONSTRAINT orders_shipped_status CHECK ((status IN ('shipped', 'delivered')) = (shipped_at IS NOT NULL)),
    CONSTRAINT orders_delivered_status CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
    CONSTRAINT orders_cancelled_status CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    CONSTRAINT orders_confirmed_status CHECK (status NOT IN ('confirmed', 'shipped', 'delivered') OR confirmed_at IS NOT NULL),
    CONSTRAINT orders_customer_idempotency_key UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX orders_customer_newest ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_status_created ON orders (status, created_at DESC, id DESC);
CREATE TRIGGER orders_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE order_items (
    id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id         uuid         NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       uuid         NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    -- Snapshots taken when the order is placed; later catalog edits never change them.
    sku              varchar(64)  NOT NULL,
    product_name     varchar(200) NOT NULL,
    unit_price_cents bigint       NOT NULL CHECK (unit_price_cents > 0),
    quantity         integer      NOT NULL CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    line_total_cents bigint       NOT NULL,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT order_items_line_total CHECK (line_total_cents = quantity * unit_price_cents),
    CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id)
);
CREATE INDEX order_items_product ON order_items (product_id);

-- An order's subtotal is the sum of its lines; checked once per transaction, at commit.
CREATE FUNCTION check_order_subtotal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    -- The trigger's argument names the column that holds the order id.
    target uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
    expected bigint;
    lines bigint;
BEGIN
    SELECT o.subtotal_cents, coalesce(sum(i.line_total_cents), 0)
      INTO expected, lines
      FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
     WHERE o.id = target
     GROUP BY o.subtotal_cents;
    IF FOUND AND expected <> lines THEN
        RAISE EXCEPTION 'order % subtotal % does not equal the sum of its lines %', target, expected, lines
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_subtotal_matches_lines';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER orders_subtotal_matches_lines
    AFTER INSERT OR UPDATE OF subtotal_cents ON orders
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_order_subtotal('id');
CREATE CONSTRAINT TRIGGER order_items_subtotal_matches_lines
    AFTER INSERT OR UPDATE ON order_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_order_subtotal('order_id');

-- The idempotency record of a write endpoint, per customer, scope and key: the first
-- response is kept and replayed for at least 24 hours.
CREATE TABLE idempotency_keys (
    id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope           varchar(100) NOT NULL,
    idempotency_key varchar(255) NOT NULL CHECK (idempotency_key <> ''),
    request_hash    char(64)     NOT NULL,
    order_id        uuid         REFERENCES orders (id) ON DELETE SET NULL,
    response_status smallint,
    response_body   jsonb,
    locked_until    timestamptz,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    expires_at      timestamptz  NOT NULL DEFAULT now() + interval '24 hours',
    CONSTRAINT idempotency_keys_key UNIQUE (customer_id, scope, idempotency_key),
    CONSTRAINT idempotency_keys_response_complete CHECK ((response_status IS NULL) = (completed_at IS NULL))
);
CREATE INDEX idempotency_keys_expired ON idempotency_keys (expires_at);

GRANT SELECT, INSERT, UPDATE ON orders, order_items TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${app_role};
GRANT USAGE ON SEQUENCE order_number_seq TO ${app_role};
