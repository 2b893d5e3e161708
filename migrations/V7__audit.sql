-- Audit: an append-only log of every state change, range-partitioned by month.

CREATE TABLE audit_logs (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id     uuid        REFERENCES users (id) ON DELETE RESTRICT,
    entity_type varchar(32) NOT NULL
                CONSTRAINT audit_logs_entity_type_check CHECK (entity_type IN
                    ('user', 'address', 'payment_method', 'product', 'inventory', 'order', 'payment', 'refund', 'shipment')),
    entity_id   uuid        NOT NULL,
    action      varchar(16) NOT NULL
                CONSTRAINT audit_logs_action_check CHECK (action IN ('create', 'update', 'delete', 'view', 'export')),
    old_values  jsonb,
    new_values  jsonb,
    ip_address  inet,
    user_agent  varchar(512),
    request_id  varchar(64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- Rows outside every monthly partition still land somewhere instead of failing the write.
CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;

CREATE INDEX audit_logs_entity ON audit_logs (entity_type, entity_id, created_at DESC);
CREATE INDEX audit_logs_user ON audit_logs (user_id, created_at DESC) WHERE user_id IS NOT NULL;

-- Creates the monthly partitions from the current month through months_ahead months
-- later. Runs with its owner's rights so the application role can call it (from the
-- scheduler) without holding DDL rights itself.
CREATE FUNCTION ensure_audit_partitions(months_ahead integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    created integer := 0;
    partition_name text;
BEGIN
    FOR i IN 0..months_ahead LOOP
        partition_name := 'audit_logs_' || to_char(month_start, 'YYYY_MM');
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)',
                           partition_name, month_start::timestamp AT TIME ZONE 'UTC',
                           (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        month_start := (month_start + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$;
REVOKE ALL ON FUNCTION ensure_audit_partitions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ensure_audit_partitions(integer) TO ${app_role};

SELECT ensure_audit_partitions(3);

GRANT SELECT, INSERT ON audit_logs TO ${app_role};
