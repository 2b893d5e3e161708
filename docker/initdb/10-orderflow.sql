-- Runs once, when the PostgreSQL container starts on an empty volume: orderflow's roles and
-- database, exactly as scripts/services.sh makes them locally (the same SQL files, mounted
-- at /orderflow-sql). Names and passwords come from the container's environment.
\getenv owner ORDERFLOW_DB_OWNER
\getenv owner_pw ORDERFLOW_DB_OWNER_PASSWORD
\getenv app ORDERFLOW_DB_USER
\getenv app_pw ORDERFLOW_DB_PASSWORD
\getenv db ORDERFLOW_DB_NAME
\i /orderflow-sql/roles.sql
\i /orderflow-sql/database.sql
