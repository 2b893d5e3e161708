-- Catalog: the products customers browse and buy.

CREATE TABLE products (
    id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    sku             varchar(64)  NOT NULL CONSTRAINT products_sku_key UNIQUE
                    CONSTRAINT products_sku_check CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    slug            varchar(220) NOT NULL CONSTRAINT products_slug_key UNIQUE
                    CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name            varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    description     text,
    category        varchar(100) NOT NULL CHECK (btrim(category) <> ''),
    kind            varchar(16)  NOT NULL
                    CONSTRAINT products_kind_check CHECK (kind IN ('physical', 'digital', 'course', 'event')),
    price_cents     bigint       NOT NULL CONSTRAINT products_price_check CHECK (price_cents > 0),
    cost_cents      bigint       CHECK (cost_cents >= 0),
    currency        char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    image_url       varchar(2048),
    is_active       boolean      NOT NULL DEFAULT true,
    -- Only digital goods may be sold without counting stock.
    track_inventory boolean      NOT NULL DEFAULT true,
    search_vector   tsvector     GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
                        setweight(to_tsvector('english', coalesce(category, '')), 'B') ||
                        setweight(to_tsvector('english', coalesce(description, '')), 'C')) STORED,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CONSTRAINT products_untracked_only_digital CHECK (track_inventory OR kind = 'digital')
);
CREATE INDEX products_search ON products USING gin (search_vector) WHERE deleted_at IS NULL;
-- Keyset orders for the catalog listing: newest, price ascending/descending, per category.
CREATE INDEX products_live_newest ON products (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX products_live_price ON products (price_cents, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_category ON products (category, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE TRIGGER products_updated_at BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION set_updated_at();

GRANT SELECT, INSERT, UPDATE ON products TO ${app_role};
