-- Inventory: stock levels, the stock ledger, and reservations held by pending orders.

CREATE TABLE inventory (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id         uuid        NOT NULL CONSTRAINT inventory_product_key UNIQUE
                                   REFERENCES products (id) ON DELETE RESTRICT,
    quantity_on_hand   integer     NOT NULL DEFAULT 0 CONSTRAINT inventory_on_hand_check CHECK (quantity_on_hand >= 0),
    quantity_reserved  integer     NOT NULL DEFAULT 0 CONSTRAINT inventory_reserved_check CHECK (quantity_reserved >= 0),
    quantity_available integer     GENERATED ALWAYS AS (quantity_on_hand - quantity_reserved) STORED
                                   CONSTRAINT inventory_available_check CHECK (quantity_available >= 0),
    reorder_point      integer     NOT NULL DEFAULT 10 CONSTRAINT inventory_reorder_point_check CHECK (reorder_point > 0),
    warehouse_location varchar(50),
    last_counted_at    timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- The low-stock list: only rows under their reorder point are indexed.
CREATE INDEX inventory_low_stock ON inventory (product_id) WHERE quantity_available < reorder_point;
CREATE TRIGGER inventory_updated_at BEFORE UPDATE ON inventory FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The stock ledger: every change of quantity_on_hand has one row here.
CREATE TABLE inventory_transactions (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id      uuid        NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    order_id        uuid        REFERENCES orders (id) ON DELETE RESTRICT,
    type            varchar(16) NOT NULL
                    CONSTRAINT inventory_transactions_type_check
                    CHECK (type IN ('purchase', 'sale', 'adjustment', 'count_variance', 'return')),
    quantity_change integer     NOT NULL CHECK (quantity_change <> 0),
    notes           varchar(1000),
    created_by      uuid        REFERENCES users (id) ON DELETE RESTRICT,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_transactions_direction CHECK (
        (type IN ('purchase', 'return') AND quantity_change > 0)
        OR (type = 'sale' AND quantity_change < 0)
        OR type IN ('adjustment', 'count_variance'))
);
CREATE INDEX inventory_transactions_product_newest ON inventory_transactions (product_id, created_at DESC, id DESC);
CREATE INDEX inventory_transactions_order ON inventory_transactions (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE reservations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id   uuid        NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    product_id uuid        NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    quantity   integer     NOT NULL CONSTRAINT reservations_quantity_check CHECK (quantity > 0),
    status     varchar(16) NOT NULL DEFAULT 'active'
               CONSTRAINT reservations_status_check CHECK (status IN ('active', 'consumed', 'released')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reservations_order_product_key UNIQUE (order_id, product_id),
    CHECK (expires_at > created_at)
);
CREATE INDEX reservations_active_expiry ON reservations (expires_at) WHERE status = 'active';
CREATE INDEX reservations_active_product ON reservations (product_id) WHERE status = 'active';
CREATE TRIGGER reservations_updated_at BEFORE UPDATE ON reservations FOR EACH ROW EXECUTE FUNCTION set_updated_at();

GRANT SELECT, INSERT, UPDATE ON inventory, reservations TO ${app_role};
GRANT SELECT, INSERT ON inventory_transactions TO ${app_role};
