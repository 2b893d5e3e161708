# Settings and helpers of the bench scripts only (sourced, not run): data-set sizes, CPU pinning and
# the bench server's life. Logging, connection settings, installs and the like are scripts/lib.sh's,
# sourced below. Everything is overridable from the environment; the Makefile exports the ORDERFLOW_* ones.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$BENCH_DIR/.." && pwd)

# The same local defaults as the Makefile, so the scripts also run on their own.
export ORDERFLOW_DB_HOST=${ORDERFLOW_DB_HOST:-127.0.0.1} ORDERFLOW_DB_PORT=${ORDERFLOW_DB_PORT:-5432}
export ORDERFLOW_DB_OWNER=${ORDERFLOW_DB_OWNER:-orderflow_owner} ORDERFLOW_DB_OWNER_PASSWORD=${ORDERFLOW_DB_OWNER_PASSWORD:-orderflow_owner}
export ORDERFLOW_DB_USER=${ORDERFLOW_DB_USER:-orderflow_app} ORDERFLOW_DB_PASSWORD=${ORDERFLOW_DB_PASSWORD:-orderflow_app}
export ORDERFLOW_REDIS_URL=${ORDERFLOW_REDIS_URL:-redis://127.0.0.1:6379}

# Log lines read [bench HH:MM:SS].
LOG_TAG=bench LOG_CLOCK=1
source "$ROOT_DIR/scripts/lib.sh"
# The bench sends no webhooks: any secret does.
export_server_defaults bench-webhook-secret

BENCH_DB=${BENCH_DB:-orderflow_bench}
BENCH_PORT=${BENCH_PORT:-18080}
# The management interface (health, metrics): a port of its own, off the default 9000 a local run may hold.
BENCH_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19080}
BASE_URL="http://127.0.0.1:$BENCH_PORT"
JAR="$ROOT_DIR/target/quarkus-app/quarkus-run.jar"

# Data-set sizes: SIZE=default is the size of the original design's seed gate.
SIZE=${SIZE:-default}
case "$SIZE" in
  tiny)    SEED_PRODUCTS=2000;   SEED_CUSTOMERS=6000;  SEED_ORDERS=20000;   SEED_AUDIT=20000 ;;
  small)   SEED_PRODUCTS=20000;  SEED_CUSTOMERS=10000; SEED_ORDERS=200000;  SEED_AUDIT=200000 ;;
  default) SEED_PRODUCTS=100000; SEED_CUSTOMERS=50000; SEED_ORDERS=1000000; SEED_AUDIT=1000000 ;;
  *) echo "SIZE must be tiny, small or default (is '$SIZE')" >&2; exit 2 ;;
esac
SEED_PRODUCTS=${SEED_PRODUCTS_OVERRIDE:-$SEED_PRODUCTS}
SEED_CUSTOMERS=${SEED_CUSTOMERS_OVERRIDE:-$SEED_CUSTOMERS}
SEED_ORDERS=${SEED_ORDERS_OVERRIDE:-$SEED_ORDERS}
SEED_AUDIT=${SEED_AUDIT_OVERRIDE:-$SEED_AUDIT}
SEED_BATCH=${SEED_BATCH:-50000}

psql_owner() { PGPASSWORD=$OWNER_PASSWORD psql -h "$DB_HOST" -p "$DB_PORT" -U "$OWNER" -d "$BENCH_DB" -v ON_ERROR_STOP=1 -X -q "$@"; }
psql_app()   { PGPASSWORD=$APP_PASSWORD psql -h "$DB_HOST" -p "$DB_PORT" -U "$APP" -d "$BENCH_DB" -v ON_ERROR_STOP=1 -X -q "$@"; }
psql_value() { psql_owner -At -c "$1"; }

# CPU pinning: the server on the first core, load generators on the last, when there are two or more.
NPROC=$(nproc)
if [ "$NPROC" -ge 2 ] && command -v taskset >/dev/null; then
  SERVER_CPUS=${SERVER_CPUS:-0}
  LOAD_CPUS=${LOAD_CPUS:-$((NPROC - 1))}
  PINNING="server on CPU $SERVER_CPUS, load generators on CPU $LOAD_CPUS (taskset); PostgreSQL and Redis unpinned"
  SERVER_PIN="taskset -c $SERVER_CPUS"
  LOAD_PIN="taskset -c $LOAD_CPUS "
  on_load_cpus() { taskset -c "$LOAD_CPUS" "$@"; }
else
  PINNING="not pinned (fewer than 2 cores or no taskset)"
  SERVER_PIN=
  LOAD_PIN=
  on_load_cpus() { "$@"; }
fi

SERVER_PID=
SERVER_LOG=
SERVER_START_MS=

# Starts the production jar as a user would (prod profile, configuration from the environment).
# Extra JVM/system properties come from BENCH_SERVER_OPTS; BENCH_JAVA picks another java (default: the one on PATH).
start_server() {
  SERVER_LOG=$1
  log "starting server on port $BENCH_PORT (log: $SERVER_LOG)"
  SERVER_START_MS=$(now_ms)
  # exec all the way down, so $! is the JVM's own pid (for /proc/<pid>/status).
  # From the jar's own folder, as the Dockerfile runs it: a class-data archive (app-cds.jsa, app.aot) records
  # the class path relative to it. The local key pair stays in the repository's .keys/.
  (cd "$(dirname "$JAR")" && export ORDERFLOW_DB_NAME="$BENCH_DB" PORT="$BENCH_PORT" ORDERFLOW_MANAGEMENT_PORT="$BENCH_MANAGEMENT_PORT" ORDERFLOW_PAYMENT_SANDBOX_LATENCY=0ms \
      ORDERFLOW_JWT_PUBLIC_KEY=${ORDERFLOW_JWT_PUBLIC_KEY:-$ROOT_DIR/.keys/jwt-public.pem} ORDERFLOW_JWT_PRIVATE_KEY=${ORDERFLOW_JWT_PRIVATE_KEY:-$ROOT_DIR/.keys/jwt-private.pem} && \
    exec $SERVER_PIN ${BENCH_JAVA:-java} ${BENCH_SERVER_OPTS:-} -Dorderflow.payment.sandbox.latency=0ms -jar "$(basename "$JAR")") >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
}

# Waits until the ping route answers 200; prints milliseconds from process start to that answer.
wait_until_serving() {
  local deadline=$(( $(now_ms) + ${1:-120} * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server exited during startup; last log lines:"; tail -n 30 "$SERVER_LOG" >&2; return 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/api/v1/ping" 2>/dev/null)" = 200 ]; then
      echo $(( $(now_ms) - SERVER_START_MS )); return 0
    fi
    sleep 0.01
  done
  log "server did not answer within ${1:-120}s"; tail -n 30 "$SERVER_LOG" >&2; return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

build_jar() {
  log "building the production jar"
  (cd "$ROOT_DIR" && make -s maven >/dev/null && \
    .build-tools/apache-maven-*/bin/mvn -B -ntp -q package -Dmaven.test.skip=true)
}

# A freshly created database with the schema, migrated by the jar's migrate command (log: $1).
fresh_database() {
  log "recreating database $BENCH_DB"
  "$ROOT_DIR/scripts/services.sh" ensure
  "$ROOT_DIR/scripts/services.sh" recreate "$BENCH_DB"
  migrate_database "$BENCH_DB" "$JAR" 2>"$1"
}

seed_database() {
  log "seeding SIZE=$SIZE: $SEED_PRODUCTS products, $SEED_CUSTOMERS customers, $SEED_ORDERS orders, $SEED_AUDIT audit rows"
  local t0; t0=$(now_ms)
  psql_owner -v products="$SEED_PRODUCTS" -v customers="$SEED_CUSTOMERS" -v orders="$SEED_ORDERS" \
    -v audit="$SEED_AUDIT" -v batch="$SEED_BATCH" -v app_role="$APP" -f "$BENCH_DIR/sql/seed.sql" >&2
  SEED_SECONDS=$(( ($(now_ms) - t0) / 1000 ))
  log "seeded in ${SEED_SECONDS}s"
}

# ---- JDKs and class-data archives (issue 12) ----
# Temurin 25 beside the default JDK on these machines; nothing needs it.
JDK25_JAVA=${JDK25_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

# startup_configs: the configurations start-up is reported for, one "name=java[,jvm options]" a line: the
# default JDK (with the build's AppCDS archive when `make build-cds` made one), and JDK 25 (with the AOT cache
# of `make build-aot` when there is one) when it is installed. An archive goes only with the JDK that wrote it.
startup_configs() {
  local app; app=$(dirname "$JAR")
  if [ -f "$app/app-cds.jsa" ]; then echo "default-jdk+appcds=java,-XX:SharedArchiveFile=app-cds.jsa"; else echo "default-jdk=java"; fi
  [ -x "$JDK25_JAVA" ] || return 0
  if [ -f "$app/app.aot" ]; then echo "jdk25+aot=$JDK25_JAVA,-XX:AOTCache=app.aot"; else echo "jdk25=$JDK25_JAVA"; fi
}

# split_config CONFIG: sets CONFIG_NAME, CONFIG_JAVA and CONFIG_OPTS (space-separated) from "name=java[,opts]".
split_config() {
  CONFIG_NAME=${1%%=*}
  local rest=${1#*=}
  CONFIG_JAVA=${rest%%,*} CONFIG_OPTS=
  [ "$rest" != "$CONFIG_JAVA" ] && CONFIG_OPTS=${rest#*,}
  CONFIG_OPTS=${CONFIG_OPTS//,/ }
}
