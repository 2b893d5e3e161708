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

# ---- HAProxy in front of several instances (make cluster, the fault suite's cluster scenario) ----

# Health checks every HAPROXY_CHECK_MS: an instance is taken out after 2 failed checks in a row, the
# second a quarter interval after the first (or at once when 2 requests in a row could not connect to
# it), and back in after 2 passed ones. A dead one gets no new request 1.25 intervals after it died at
# most, sooner under traffic; a stopping one answers
# readiness DOWN and keeps serving for 4 intervals (QUARKUS_SHUTDOWN_DELAY, haproxy_drain_delay), a
# check in flight and 2 failed ones with one to spare, before it stops accepting.
HAPROXY_CHECK_MS=${HAPROXY_CHECK_MS:-1000}
haproxy_drain_delay() { echo "$(( HAPROXY_CHECK_MS * 4 ))ms"; }

# write_haproxy_config DIR FRONT_PORT STATS_PORT NAME:PORT:MANAGEMENT_PORT...: DIR/haproxy.cfg, one
# backend server per instance, checked on its management port's /q/health/ready.
# Retries: a connection that failed never reached an instance, so any request is sent again
# (to another instance: redispatch). A request an instance may have acted on (no answer, a 503 as it
# stops, a timeout) is sent again only when that is safe: GET and HEAD, and a write carrying an
# Idempotency-Key (the API answers its retry with the first answer). Bodies up to the buffer size
# (16 KiB) are kept for that; orderflow's write bodies are far smaller.
write_haproxy_config() {
  local dir=$1 front=$2 stats=$3 server name port management; shift 3
  {
    cat <<CFG
global
    pidfile $dir/haproxy.pid

defaults
    mode http
    option forwardfor
    timeout connect 1s
    timeout client 65s
    # Above the conversation streams' 15 s heartbeat, so an open stream is never cut for being idle.
    timeout server 65s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 5s
    timeout check 1s
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response junk-response response-timeout 503

frontend orderflow
    bind 127.0.0.1:$front
    http-request disable-l7-retry unless METH_GET || METH_HEAD || { req.hdr(Idempotency-Key) -m found }
    default_backend instances

backend instances
    balance roundrobin
    option httpchk
    http-check send meth GET uri /q/health/ready
    http-check expect status 200
    default-server inter ${HAPROXY_CHECK_MS} fastinter $(( HAPROXY_CHECK_MS / 4 )) fall 2 rise 2 observe layer4 error-limit 2 on-error mark-down
CFG
    for server in "$@"; do
      IFS=: read -r name port management <<<"$server"
      echo "    server $name 127.0.0.1:$port check port $management"
    done
    cat <<CFG

frontend stats
    bind 127.0.0.1:$stats
    stats enable
    stats uri /stats
    stats refresh 2s
CFG
  } > "$dir/haproxy.cfg"
  haproxy -c -q -f "$dir/haproxy.cfg" || die "HAProxy refuses $dir/haproxy.cfg"
}

# start_haproxy DIR STATS_PORT NAME...: HAProxy with DIR/haproxy.cfg, then until each named server is UP (10 s at most).
start_haproxy() {
  local dir=$1 stats=$2 name; shift 2
  haproxy -D -f "$dir/haproxy.cfg"
  for name in "$@"; do
    for _ in $(seq 1 50); do [[ "$(haproxy_server "$stats" "$name")" == UP* ]] && break; sleep 0.2; done
  done
}

stop_haproxy() {
  local pid
  pid=$(cat "$1/haproxy.pid" 2>/dev/null) || return 0
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$(command -v haproxy)")" ] && kill "$pid" 2>/dev/null || true
  rm -f "$1/haproxy.pid"
}

# haproxy_server STATS_PORT NAME: "STATUS SESSIONS" of backend server NAME from the stats page's CSV
# (status UP, DOWN, MAINT...; sessions: requests it was sent, all told).
haproxy_server() {
  curl -sf "http://127.0.0.1:$1/stats;csv" \
    | awk -F, -v n="$2" 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
                         $1 == "instances" && $2 == n {print $col["status"], $col["stot"]}'
}
