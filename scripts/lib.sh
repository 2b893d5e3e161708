# Shared by the scripts in this folder and by bench/lib.sh (sourced, not run): connection settings
# from the environment with the Makefile's local defaults, logging, installing what is missing,
# superuser access to PostgreSQL and the harnesses that start the packaged jar.

DB_HOST=${ORDERFLOW_DB_HOST:-127.0.0.1}
DB_PORT=${ORDERFLOW_DB_PORT:-5432}
DB_NAME=${ORDERFLOW_DB_NAME:-orderflow}
OWNER=${ORDERFLOW_DB_OWNER:-orderflow_owner}
OWNER_PASSWORD=${ORDERFLOW_DB_OWNER_PASSWORD:-orderflow_owner}
APP=${ORDERFLOW_DB_USER:-orderflow_app}
APP_PASSWORD=${ORDERFLOW_DB_PASSWORD:-orderflow_app}

# Prefix for log lines: the script's name without .sh. LOG_CLOCK=1 adds the time of day to it;
# LOG_ALSO names a file that gets each message too, without the prefix.
LOG_TAG=${LOG_TAG:-$(basename "$0" .sh)}

log() {
  printf '[%s] %s\n' "$LOG_TAG${LOG_CLOCK:+ $(date +%H:%M:%S)}" "$*" >&2
  [ -z "${LOG_ALSO:-}" ] || printf '%s\n' "$*" >> "$LOG_ALSO"
}
die() { log "$*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Installs the Debian packages that provide the missing commands (command:package pairs).
ensure_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

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

# migrate_database NAME JAR: the build's migrations on database NAME, as a deployment runs them: the
# jar's migrate command, as the owner role (the server itself never migrates outside dev and tests).
migrate_database() {
  ORDERFLOW_DB_HOST=$DB_HOST ORDERFLOW_DB_PORT=$DB_PORT ORDERFLOW_DB_NAME=$1 ORDERFLOW_DB_USER=$APP \
    ORDERFLOW_DB_OWNER=$OWNER ORDERFLOW_DB_OWNER_PASSWORD=$OWNER_PASSWORD java -jar "$2" migrate >&2 \
    || die "migrating database $1 failed"
}

drop_database() {
  psql_admin -v db="$1" <<'SQL'
SET client_min_messages = warning;
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
}

# Whether Redis answers on REDIS_HOST:REDIS_PORT (the caller sets them).
redis_answers() { command -v redis-cli >/dev/null && [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

# Milliseconds since the epoch, for elapsed times.
now_ms() { date +%s%3N; }

# ---- Harnesses that start the packaged jar (shutdown drill, fault suite) ----

# export_server_defaults WEBHOOK_SECRET: what `make run` supplies locally and the production profile
# has no default for (first admin, generated JWT keys), for a harness that starts the jar on its own;
# the webhook secret defaults to the one given.
export_server_defaults() {
  export ORDERFLOW_ADMIN_EMAIL=${ORDERFLOW_ADMIN_EMAIL:-admin@orderflow.local}
  export ORDERFLOW_ADMIN_PASSWORD=${ORDERFLOW_ADMIN_PASSWORD:-orderflow-admin}
  export ORDERFLOW_JWT_GENERATE_KEYS=${ORDERFLOW_JWT_GENERATE_KEYS:-true}
  export ORDERFLOW_WEBHOOK_SECRET=${ORDERFLOW_WEBHOOK_SECRET:-$1}
}

# A TCP port nothing on this machine listens on, below the kernel's ephemeral range (32768 and up
# on Linux), where any outgoing connection may take it between this check and the server's bind.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free port found"
}

# A harness's buyers all register, sign in and check out from 127.0.0.1 within seconds: the
# production limits (20 registrations per IP an hour, 30 logins per IP a minute, 120 writes per
# user a minute) would answer 429 to a run repeated within the hour or to a longer load, and a
# 429 is not what these harnesses are about. Their sign-ins come all at once, so bcrypt may run more
# at once than the production bound (twice the cores) would let through without a 503.
HARNESS_LIMIT_OPTS=(-Dorderflow.rate-limit.register-per-ip.permits=100000
                    -Dorderflow.rate-limit.login-per-ip.permits=100000
                    -Dorderflow.rate-limit.writes-per-user.permits=100000
                    -Dorderflow.identity.password-checks.max-concurrent=64)

# wait_until_ready MANAGEMENT_URL PID LOG [SECONDS]: until MANAGEMENT_URL/q/health/ready (the
# management port's base URL) answers 200 (default 60 s); dies with the log if process PID exits first.
wait_until_ready() {
  local management=$1 pid=$2 app_log=$3 limit=${4:-60}
  for _ in $(seq 1 $((limit * 2))); do
    curl -sf -o /dev/null "$management/q/health/ready" && return
    kill -0 "$pid" 2>/dev/null || { cat "$app_log" >&2; die "the application did not start"; }
    sleep 0.5
  done
  die "the application is not ready after $limit s"
}
