-- Access tokens carry the user's token_version; changing a user's role or active flag bumps it,
-- so every access token issued before the change is refused at its next request.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0
    CONSTRAINT users_token_version_check CHECK (token_version >= 0);

-- The application role reads and bumps the new column (a column added to a table is covered by
-- its table-level grant; stated again so this file says what it relies on).
GRANT SELECT, UPDATE ON users TO ${app_role};
