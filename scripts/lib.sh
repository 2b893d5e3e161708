# Shared by the scripts in this folder (sourced, not run): connection settings from the
# environment with the Makefile's local defaults, logging, and superuser access to PostgreSQL.

DB_HOST=${ORDERFLOW_DB_HOST:-127.0.0.1}
DB_PORT=${ORDERFLOW_DB_PORT:-5432}
DB_NAME=${ORDERFLOW_DB_NAME:-orderflow}
OWNER=${ORDERFLOW_DB_OWNER:-orderflow_owner}
OWNER_PASSWORD=${ORDERFLOW_DB_OWNER_PASSWORD:-orderflow_owner}
APP=${ORDERFLOW_DB_USER:-orderflow_app}
APP_PASSWORD=${ORDERFLOW_DB_PASSWORD:-orderflow_app}

# Prefix for log lines: the script's name without .sh.
LOG_TAG=${LOG_TAG:-$(basename "$0" .sh)}

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs a PostgreSQL client tool (psql, pg_dump, pg_restore) as a superuser: over TCP as
# postgres when trust auth allows it, otherwise through the local socket as the postgres
# OS user (Debian's default peer auth). Data goes through stdin/stdout, so files stay ours.
pg_superuser() {
  local tool=$1; shift
  if psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    "$tool" -h "$DB_HOST" -p "$DB_PORT" -U postgres "$@"
  else
    as_root runuser -u postgres -- "$tool" -p "$DB_PORT" "$@"
  fi
}

# psql as superuser on database $1 (the rest are psql arguments): stops at the first error,
# prints bare values.
psql_db() {
  local db=$1; shift
  pg_superuser psql -d "$db" -v ON_ERROR_STOP=1 -X -Atq "$@"
}

psql_admin() { psql_db postgres "$@"; }

database_exists() {
  [ "$(psql_admin -v db="$1" <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")" = 1 ]
}

ORDERFLOW_SQL_DIR="$(dirname "${BASH_SOURCE[0]}")/sql"

ensure_roles() {
  psql_admin -v owner="$OWNER" -v owner_pw="$OWNER_PASSWORD" -v app="$APP" -v app_pw="$APP_PASSWORD" \
    < "$ORDERFLOW_SQL_DIR/roles.sql"
}

# Creates database $1 owned by the owner role, connectable by the application role only.
ensure_database() {
  psql_admin -v db="$1" -v owner="$OWNER" -v app="$APP" < "$ORDERFLOW_SQL_DIR/database.sql"
}

drop_database() {
  psql_admin -v db="$1" <<'SQL'
SET client_min_messages = warning;
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
}

# Milliseconds since the epoch, for elapsed times.
now_ms() { date +%s%3N; }
