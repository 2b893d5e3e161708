#!/usr/bin/env bash
# A throwaway Redis Cluster of three masters on loopback, for running the Redis-using tests against a cluster
# (make test-redis-cluster). Each node keeps nothing on disk but its nodes.conf and log, under
# target/redis-cluster/<port>/ (git-ignored).
#
#   scripts/redis-cluster.sh start [BASE_PORT]   three masters on BASE_PORT..BASE_PORT+2 (default 7001), slots
#                                                 spread over them, waits until the cluster says ok
#   scripts/redis-cluster.sh stop [BASE_PORT]    shuts down (nosave) the nodes this script started, removes their files
#   scripts/redis-cluster.sh url [BASE_PORT]     the comma-separated redis:// URLs for ORDERFLOW_REDIS_URL
#
# It only ever talks to the three ports it owns: a base port whose range covers 6379, the machine's Redis,
# is refused, and stop shuts down a node only when the process answering on its port is the one it started.
set -euo pipefail

LOG_TAG=redis-cluster
source "$(dirname "$0")/lib.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)/target/redis-cluster"
BASE_PORT=${2:-7001}
NODES=3

[[ "$BASE_PORT" =~ ^[0-9]+$ ]] && [ "$BASE_PORT" -ge 1024 ] && [ "$BASE_PORT" -le $((65535 - NODES + 1 - 10000)) ] \
  || die "BASE_PORT must be a number from 1024 to $((65535 - NODES + 1 - 10000)) (each node also uses its port + 10000 for the cluster bus)"
PORTS=()
for i in $(seq 0 $((NODES - 1))); do PORTS+=($((BASE_PORT + i))); done
for port in "${PORTS[@]}"; do
  [ "$port" -ne 6379 ] || die "port $port is the machine's Redis; pick another BASE_PORT"
done

cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
answers() { [ "$(cli "$1" ping 2>/dev/null)" = PONG ]; }

# The pid of the node this script started on $1, or nothing when its pid file is missing or the process is gone.
our_pid() {
  local pidfile="$ROOT/$1/redis.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# Whether what answers on port $1 is the process this script started there.
ours_answers() {
  local pid
  pid=$(our_pid "$1")
  [ -n "$pid" ] && [ "$(cli "$1" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')" = "$pid" ]
}

urls() {
  local list=() port
  for port in "${PORTS[@]}"; do list+=("redis://127.0.0.1:$port"); done
  (IFS=,; echo "${list[*]}")
}

cluster_ok() {
  local port
  for port in "${PORTS[@]}"; do
    cli "$port" cluster info 2>/dev/null | tr -d '\r' | grep -qx 'cluster_state:ok' || return 1
  done
}

start() {
  command -v redis-server >/dev/null || apt_install redis-server redis-tools
  local port
  for port in "${PORTS[@]}"; do
    if ours_answers "$port"; then
      cluster_ok && { log "already running on ports ${PORTS[*]}"; return; }
      die "nodes of an earlier start answer on ports ${PORTS[*]} but do not form a cluster: run $0 stop $BASE_PORT first"
    fi
    answers "$port" && die "something else answers on port $port; pick another BASE_PORT"
  done
  for port in "${PORTS[@]}"; do
    rm -rf "${ROOT:?}/$port"
    mkdir -p "$ROOT/$port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$ROOT/$port" \
      --pidfile "$ROOT/$port/redis.pid" --logfile "$ROOT/$port/redis.log" \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
      --save "" --appendonly no
  done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 50); do ours_answers "$port" && continue 2; sleep 0.2; done
    die "the node on port $port did not start: see $ROOT/$port/redis.log"
  done
  local nodes=()
  for port in "${PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$ROOT/create.log" 2>&1 \
    || { cat "$ROOT/create.log" >&2; die "redis-cli --cluster create failed"; }
  for _ in $(seq 1 100); do
    cluster_ok && { log "three masters on ports ${PORTS[*]}: ORDERFLOW_REDIS_URL=$(urls)"; return; }
    sleep 0.2
  done
  die "the cluster on ports ${PORTS[*]} does not say cluster_state:ok after 20 s"
}

stop() {
  local port pid
  for port in "${PORTS[@]}"; do
    pid=$(our_pid "$port")
    if [ -z "$pid" ]; then
      log "no node of ours on port $port"
    elif ours_answers "$port"; then
      cli "$port" shutdown nosave >/dev/null 2>&1 || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && die "the node on port $port (pid $pid) did not shut down"
    else
      die "pid $pid from $ROOT/$port/redis.pid is alive but is not what answers on port $port; leaving it alone"
    fi
    rm -rf "${ROOT:?}/$port"
  done
  rm -f "$ROOT/create.log"
  rmdir "$ROOT" 2>/dev/null || true
  log "stopped the nodes on ports ${PORTS[*]}"
}

case "${1:-}" in
  start) start ;;
  stop)  stop ;;
  url)   urls ;;
  *) echo "usage: $0 start | stop | url [BASE_PORT]" >&2; exit 2 ;;
esac
