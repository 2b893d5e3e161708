-- Identity: users, their addresses, their payment methods, refresh tokens.

CREATE TABLE users (
    id             uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    email          varchar(254) NOT NULL,
    password_hash  varchar(100) NOT NULL,
    first_name     varchar(100) NOT NULL,
    last_name      varchar(100) NOT NULL,
    phone          varchar(20),
    role           varchar(16)  NOT NULL DEFAULT 'customer'
                   CONSTRAINT users_role_check CHECK (role IN ('admin', 'manager', 'employee', 'customer')),
    email_verified boolean      NOT NULL DEFAULT false,
    is_active      boolean      NOT NULL DEFAULT true,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)) AND position('@' IN email) > 1),
    CONSTRAINT users_names_present CHECK (btrim(first_name) <> '' AND btrim(last_name) <> '')
);
-- Case-insensitive uniqueness among live accounts (the check above keeps stored emails lower case).
CREATE UNIQUE INDEX users_email_key ON users (email) WHERE deleted_at IS NULL;
CREATE INDEX users_role_created ON users (role, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX users_created ON users (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_addresses (
    id          uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type        varchar(16)  NOT NULL
                CONSTRAINT user_addresses_type_check CHECK (type IN ('shipping', 'billing', 'return')),
    line1       varchar(255) NOT NULL CHECK (btrim(line1) <> ''),
    line2       varchar(255),
    city        varchar(100) NOT NULL CHECK (btrim(city) <> ''),
    state       varchar(100) NOT NULL,
    postal_code varchar(20)  NOT NULL CHECK (btrim(postal_code) <> ''),
    country     char(2)      NOT NULL CONSTRAINT user_addresses_country_check CHECK (country ~ '^[A-Z]{2}$'),
    is_default  boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE INDEX user_addresses_user ON user_addresses (user_id, created_at) WHERE deleted_at IS NULL;
-- At most one default address per user and type.
CREATE UNIQUE INDEX user_addresses_one_default ON user_addresses (user_id, type)
    WHERE is_default AND deleted_at IS NULL;
CREATE TRIGGER user_addresses_updated_at BEFORE UPDATE ON user_addresses FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_payment_methods (
    id                        uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                   uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The gateway's reference for the stored card (never a card number).
    gateway_payment_method_id varchar(255) NOT NULL CONSTRAINT user_payment_methods_gateway_key UNIQUE,
    card_last4                char(4)      NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
    card_brand                varchar(50)  NOT NULL,
    exp_month                 smallint     NOT NULL CONSTRAINT user_payment_methods_exp_month_check CHECK (exp_month BETWEEN 1 AND 12),
    exp_year                  smallint     NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
    is_default                boolean      NOT NULL DEFAULT false,
    created_at                timestamptz  NOT NULL DEFAULT now(),
    updated_at                timestamptz  NOT NULL DEFAULT now(),
    deleted_at                timestamptz
);
CREATE INDEX user_payment_methods_user ON user_payment_methods (user_id, created_at) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX user_payment_methods_one_default ON user_payment_methods (user_id)
    WHERE is_default AND deleted_at IS NULL;
CREATE TRIGGER user_payment_methods_updated_at BEFORE UPDATE ON user_payment_methods FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Refresh tokens are stored only as SHA-256 hashes; a family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  char(64)    NOT NULL CONSTRAINT refresh_tokens_hash_key UNIQUE,
    family_id   uuid        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_at > created_at)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expired ON refresh_tokens (expires_at);

GRANT SELECT, INSERT, UPDATE ON users, user_addresses, user_payment_methods TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO ${app_role};
