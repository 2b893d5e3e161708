-- orderflow's two roles, created once: the owner runs migrations, the application role gets
-- only the DML its migrations grant. psql variables: owner, owner_pw, app, app_pw.
-- Used by scripts/services.sh and by the PostgreSQL container's init script (docker/).
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'owner', :'owner_pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app', :'app_pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
