-- A refresh token spent once may be spent once more within orderflow.identity.refresh-grace of its
-- first use (a client retrying an answer the network lost); grace_used_at marks that second use, so
-- a third one revokes the family as any replay does (identity.RefreshTokens).
ALTER TABLE refresh_tokens ADD COLUMN grace_used_at timestamptz
    CONSTRAINT refresh_tokens_grace_after_use_check CHECK (grace_used_at IS NULL OR used_at IS NOT NULL);

-- The application role sets the new column (a column added to a table is covered by its table-level
-- grant; stated again so this file says what it relies on).
GRANT SELECT, UPDATE ON refresh_tokens TO ${app_role};
