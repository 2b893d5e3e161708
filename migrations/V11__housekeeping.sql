-- Housekeeping: the purge jobs' indexes and grant, and audit partitions created one month at a time.

-- identity.RefreshTokenPurge deletes revoked tokens by revocation time (expired ones use refresh_tokens_expired).
CREATE INDEX refresh_tokens_revoked ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL;

-- payment.WebhookEventPurge deletes events by age.
CREATE INDEX webhook_events_received ON webhook_events (received_at);
GRANT DELETE ON webhook_events TO ${app_role};

-- Creates the monthly audit_logs partition months_from_now months after the current (UTC) one,
-- answering its name, or NULL when it exists. One month per call, so the caller runs each CREATE
-- in its own short transaction under its own lock_timeout (audit.AuditPartitions): the CREATE
-- needs an ACCESS EXCLUSIVE lock on audit_logs, and waiting for it (behind a backup, say) would
-- queue every audit insert behind it. Owner's rights, as ensure_audit_partitions (V7).
CREATE FUNCTION create_audit_partition(months_from_now integer) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start date := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_from_now))::date;
    partition_name text := 'audit_logs_' || to_char(month_start, 'YYYY_MM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)',
                   partition_name, month_start::timestamp AT TIME ZONE 'UTC',
                   (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    RETURN partition_name;
EXCEPTION WHEN duplicate_table THEN
    -- Created by another instance while this one waited for the advisory lock: this backend's
    -- catalog cache may not have caught up when to_regclass looked, but the CREATE's locks did.
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION create_audit_partition(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_audit_partition(integer) TO ${app_role};
