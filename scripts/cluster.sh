#!/usr/bin/env bash
# Several instances of the packaged jar behind HAProxy on this machine, sharing one PostgreSQL and
# one Redis, as in production (docs/scaling.md).
#
#   scripts/cluster.sh start     (make cluster N=3 [REPLICA=1] [REDIS=cluster]; make builds and migrates first)
#   scripts/cluster.sh stop      (make cluster-stop: SIGTERM each instance, then HAProxy and what start set up)
#   scripts/cluster.sh status
#
# Variables:
#   N                  instances (default 3): orderflow-1..N on ports CLUSTER_PORT+1.., management 9000+i
#   CLUSTER_PORT       HAProxy's port, the API's address for clients (default 8080)
#   CLUSTER_STATS_PORT HAProxy's statistics page, /stats (default 8404)
#   REPLICA=1          a streaming replica of the database's PostgreSQL cluster on REPLICA_PORT (default
#                      5433), made with pg_basebackup, and the instances reading catalog pages from it
#   REDIS=cluster      three local Redis masters in cluster mode (scripts/redis-cluster.sh) instead of
#                      the Redis of ORDERFLOW_REDIS_URL
#   JAVA_OPTS          JVM options for every instance
# The instances' logs, pids and HAProxy's configuration are under target/cluster/.
set -euo pipefail
shopt -s inherit_errexit
LOG_TAG=cluster
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

JAR=target/quarkus-app/quarkus-run.jar
DIR=$ROOT/target/cluster
N=${N:-3}
FRONT=${CLUSTER_PORT:-8080}
STATS=${CLUSTER_STATS_PORT:-8404}
REPLICA_PORT=${REPLICA_PORT:-5433}

instance_port() { echo $(( FRONT + $1 )); }
management_port() { echo $(( 9000 + $1 )); }

# Whether pid file $1 names a java process running this checkout's jar (not a reused pid).
our_instance() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$ROOT" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-jar $JAR"
}

start_instance() {
  local i=$1 name=orderflow-$1
  # Behind HAProxy: trust its X-Forwarded-For (per-IP limits and audit rows see the client), and keep
  # serving for a few health-check intervals after SIGTERM while readiness says DOWN, so HAProxy takes
  # the instance out before it stops accepting.
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of words on purpose
  env -u ORDERFLOW_DB_OWNER_PASSWORD PORT="$(instance_port "$i")" ORDERFLOW_MANAGEMENT_PORT="$(management_port "$i")" \
    ORDERFLOW_INSTANCE="$name" QUARKUS_SHUTDOWN_DELAY="$(haproxy_drain_delay)" \
    QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
    QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 \
    setsid java ${JAVA_OPTS:-} -jar "$JAR" < /dev/null > "$DIR/$name.log" 2>&1 &
  echo $! > "$DIR/$name.pid"
}

start() {
  [ -f "$JAR" ] || die "no $JAR: make cluster builds it"
  ensure_tools haproxy:haproxy
  local pid_file
  for pid_file in "$DIR"/*.pid; do
    [ -e "$pid_file" ] || continue
    our_instance "$pid_file" && die "a cluster is running ($pid_file): make cluster-stop first"
  done
  rm -rf "$DIR" && mkdir -p "$DIR"
  # A start that fails half-way stops what it started.
  started=0
  trap '[ "$started" = 1 ] || { log "start failed: stopping what it started"; stop; }' EXIT
  if [ "${REDIS:-}" = cluster ]; then
    scripts/redis-cluster.sh start
    export ORDERFLOW_REDIS_CLIENT_TYPE=cluster ORDERFLOW_REDIS_URL
    ORDERFLOW_REDIS_URL=$(scripts/redis-cluster.sh url)
    touch "$DIR/redis-cluster"
  fi
  if [ "${REPLICA:-0}" = 1 ]; then
    scripts/replica.sh start "$REPLICA_PORT"
    export ORDERFLOW_REPLICA_ADDRESS=$DB_HOST:$REPLICA_PORT
    touch "$DIR/replica"
  fi
  local i servers=()
  for i in $(seq 1 "$N"); do
    start_instance "$i"
    servers+=("orderflow-$i:$(instance_port "$i"):$(management_port "$i")")
  done
  for i in $(seq 1 "$N"); do
    wait_until_ready "http://127.0.0.1:$(management_port "$i")" "$(cat "$DIR/orderflow-$i.pid")" "$DIR/orderflow-$i.log" 120
  done
  write_haproxy_config "$DIR" "$FRONT" "$STATS" "${servers[@]}"
  start_haproxy "$DIR" "$STATS" "${servers[@]%%:*}"
  started=1
  status
  log "API through HAProxy: http://localhost:$FRONT/api/v1 (stats: http://localhost:$STATS/stats); make cluster-stop stops it"
}

stop() {
  local pid_file pids=()
  for pid_file in "$DIR"/*.pid; do
    [ -e "$pid_file" ] || continue
    [ "$(basename "$pid_file")" = haproxy.pid ] && continue
    if our_instance "$pid_file"; then
      pids+=("$(cat "$pid_file")")
      kill -TERM "$(cat "$pid_file")"
    fi
    rm -f "$pid_file"
  done
  local pid
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  stop_haproxy "$DIR"
  if [ -e "$DIR/replica" ]; then scripts/replica.sh stop "$REPLICA_PORT"; rm -f "$DIR/replica"; fi
  if [ -e "$DIR/redis-cluster" ]; then scripts/redis-cluster.sh stop; rm -f "$DIR/redis-cluster"; fi
  log "stopped ${#pids[@]} instances and HAProxy"
}

status() {
  local pid_file i state
  for pid_file in "$DIR"/orderflow-*.pid; do
    [ -e "$pid_file" ] || continue
    i=$(basename "$pid_file" .pid) i=${i#orderflow-}
    state=$(haproxy_server "$STATS" "orderflow-$i" || true)
    log "orderflow-$i: port $(instance_port "$i"), management $(management_port "$i"), pid $(cat "$DIR/orderflow-$i.pid"), HAProxy ${state:-not running}"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start | stop | status" >&2; exit 2 ;;
esac
