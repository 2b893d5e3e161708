#!/usr/bin/env bash
# `make bench CLUSTER=1,2,3`: the product-read and checkout scenarios through HAProxy in front of 1, 2, 3...
# instances (scripts/lib.sh's HAProxy configuration, as make cluster runs it), each count started afresh
# on the same seeded database, with where the CPU went: the instances, PostgreSQL, Redis, HAProxy and the
# load generator, in cores (CPU seconds per second of the measured run). Nothing is pinned: on a small
# machine the instances, the database and the load share the cores, which is what the curve shows.
# Writes bench/results/<timestamp>-cluster.md.
#
# Variables: CLUSTER (the instance counts), SIZE, BENCH_DURATION, BENCH_WARMUP (per instance, default 15), BENCH_CONNECTIONS,
# CHECKOUT_CONNECTIONS, CHECKOUT_CUSTOMERS, BENCH_REUSE_DB, BENCH_SKIP_BUILD, as in bench/bench.sh.
set -euo pipefail
export SIZE=${SIZE:-small}
source "$(dirname "$0")/lib.sh"
export BENCH_DIR

COUNTS=${CLUSTER:-1,2,3}
DURATION=${BENCH_DURATION:-10}
# Per instance: each warms up its own JIT on its share of the requests (3 instances after 10 s of
# warm-up served product pages at a fifth of their rate after 40 s).
WARMUP_PER_INSTANCE=${BENCH_WARMUP:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
CHECKOUT_CONNECTIONS=${CHECKOUT_CONNECTIONS:-32}
CHECKOUT_CUSTOMERS=${CHECKOUT_CUSTOMERS:-1000}
SERVER_OPTS="-Dorderflow.rate-limit.login-per-ip.permits=1000000 -Dorderflow.identity.password-checks.max-concurrent=64 -Dorderflow.payment.sandbox.latency=0ms"
STATS_PORT=$((BENCH_PORT + 99))
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$BENCH_DIR/results/$STAMP-cluster"
mkdir -p "$RUN/haproxy"
LOADGEN="$BENCH_DIR/loadgen/LoadGen.java"
PIDS=()

stop_all() {
  stop_haproxy "$RUN/haproxy"
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT

# ---- CPU accounting: clock ticks of process groups, read before and after a measured run ----
TICKS=$(getconf CLK_TCK)
ticks_of() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
groups_ticks() {
  printf '%s %s %s %s\n' "$(ticks_of "${PIDS[@]}")" "$(ticks_of $(pgrep -x postgres))" \
    "$(ticks_of $(pgrep -x redis-server))" "$(ticks_of $(cat "$RUN/haproxy/haproxy.pid" 2>/dev/null))"
}
# cores BEFORE AFTER SECONDS: cores used by the instances, PostgreSQL, Redis and HAProxy, comma-separated.
cores() {
  awk -v b="$1" -v a="$2" -v s="$3" -v hz="$TICKS" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    printf "%.2f,%.2f,%.2f,%.2f", (y[1]-x[1])/hz/s, (y[2]-x[2])/hz/s, (y[3]-x[3])/hz/s, (y[4]-x[4])/hz/s }'
}

# measured NAME wrk-args...: warm-up (WARMUP_PER_INSTANCE s per instance), then the measured wrk run with the CPU
# each group used during it.
measured() {
  local name=$1; shift
  wrk -t1 -c "$CONNECTIONS" -d "$(( WARMUP_PER_INSTANCE * ${#PIDS[@]} ))s" --timeout 30s "$@" >/dev/null 2>&1 || true
  local before after started
  before=$(groups_ticks) started=$(now_ms)
  wrk -t1 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 30s --latency "$@" >"$RUN/$name.out" 2>&1 || true
  after=$(groups_ticks)
  echo "$(grep -o '^RESULT .*' "$RUN/$name.out" | tail -n 1) cores=$(cores "$before" "$after" "$(( ($(now_ms) - started) / 1000 ))")"
}

field() { grep -o "\b$2=[^ ]*" <<<"$1" | head -n 1 | cut -d= -f2-; }

# ---- data and inputs ----
ensure_tools wrk:wrk curl:curl haproxy:haproxy
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then build_jar; fi
"$ROOT_DIR/scripts/services.sh" ensure
if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ "$(psql_value "SELECT to_regclass('bench.products') IS NOT NULL" 2>/dev/null || true)" = t ]; then
  log "reusing seeded database $BENCH_DB"
else
  fresh_database "$RUN/migrate.log"
  seed_database
fi
N_CUSTOMERS=$(psql_value "SELECT count(*) FROM bench.customers")
psql_owner -At -c "SELECT '/api/v1/products/' || product_id FROM bench.products ORDER BY random() LIMIT 10000" >"$RUN/product.paths"
psql_owner -At -c "SELECT product_id FROM bench.products ORDER BY random() LIMIT 10000" >"$RUN/product.ids"
echo /api/v1/ping >"$RUN/ping.paths"
psql_owner -At -c "\copy (SELECT email, address_id, payment_method_id FROM bench.customers WHERE n > $N_CUSTOMERS - $CHECKOUT_CUSTOMERS ORDER BY n) TO '$RUN/customers.csv' CSV"

# ---- one instance count ----
start_instances() {
  local n=$1 i port management servers=()
  for i in $(seq 1 "$n"); do
    port=$((BENCH_PORT + i)) management=$((BENCH_MANAGEMENT_PORT + i))
    # shellcheck disable=SC2086 # SERVER_OPTS is a list of words on purpose
    (cd "$(dirname "$JAR")" && export ORDERFLOW_DB_NAME="$BENCH_DB" PORT="$port" ORDERFLOW_MANAGEMENT_PORT="$management" \
        ORDERFLOW_INSTANCE="bench-$i" ORDERFLOW_JWT_PUBLIC_KEY="$ROOT_DIR/.keys/jwt-public.pem" \
        ORDERFLOW_JWT_PRIVATE_KEY="$ROOT_DIR/.keys/jwt-private.pem" && \
      exec java $SERVER_OPTS -jar "$(basename "$JAR")") >"$RUN/n$n-instance-$i.log" 2>&1 &
    PIDS+=($!)
    servers+=("bench-$i:$port:$management")
  done
  for i in $(seq 1 "$n"); do
    wait_until_ready "http://127.0.0.1:$((BENCH_MANAGEMENT_PORT + i))" "${PIDS[$((i - 1))]}" "$RUN/n$n-instance-$i.log" 180
  done
  write_haproxy_config "$RUN/haproxy" "$BENCH_PORT" "$STATS_PORT" "${servers[@]}"
  start_haproxy "$RUN/haproxy" "$STATS_PORT" "${servers[@]%%:*}"
}

rss_mib() { local p t=0; for p in "${PIDS[@]}"; do t=$((t + $(awk '/^VmHWM/ {print $2}' "/proc/$p/status"))); done; echo $((t / 1024 / ${#PIDS[@]})); }

rows=()
for n in ${COUNTS//,/ }; do
  log "---- $n instance(s) behind HAProxy"
  start_instances "$n"
  ping=$(measured "n$n-ping" -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/ping.paths")
  product=$(measured "n$n-product" -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/product.paths")
  java "$LOADGEN" login base="$BASE_URL" in="$RUN/customers.csv" out="$RUN/n$n-tokens.csv" concurrency=32 >"$RUN/n$n-login.out" 2>&1 || true
  CONNECTIONS_SAVED=$CONNECTIONS; CONNECTIONS=$CHECKOUT_CONNECTIONS
  checkout=$(measured "n$n-checkout" -s "$BENCH_DIR/lua/checkout.lua" "$BASE_URL" -- "$RUN/n$n-tokens.csv" "$RUN/product.ids")
  CONNECTIONS=$CONNECTIONS_SAVED
  rows+=("$n|$(field "$ping" rps)|$(field "$product" rps)|$(field "$product" p99_ms)|$(field "$product" cores)|$(field "$checkout" rps)|$(field "$checkout" p99_ms)|$(field "$checkout" statuses)|$(field "$checkout" cores)|$(rss_mib)")
  log "ping $(field "$ping" rps)/s; product $(field "$product" rps)/s; checkout $(field "$checkout" rps)/s ($(field "$checkout" statuses))"
  stop_all
done

{
  echo "# orderflow cluster bench — $STAMP"
  echo
  echo "- Commit $(git -C "$ROOT_DIR" rev-parse --short HEAD)$(git -C "$ROOT_DIR" diff --quiet HEAD -- src migrations pom.xml || echo ' (with uncommitted changes)'); SIZE=$SIZE; $(nproc) cores, nothing pinned; $(java -version 2>&1 | head -n 1)"
  echo "- Each count started afresh behind HAProxy on one database and Redis; wrk -t1, ${WARMUP_PER_INSTANCE} s warm-up per instance, ${DURATION} s measured;"
  echo "  product reads and ping with $CONNECTIONS connections, checkouts (1 unit of a random product, gateway at 0 ms) with $CHECKOUT_CONNECTIONS"
  echo "- Cores: CPU seconds per second of the measured run, for all instances together, all PostgreSQL processes,"
  echo "  Redis and HAProxy (the rest of the $(nproc) cores went to wrk and the kernel)"
  echo
  echo "| instances | ping req/s | product req/s | product p99 ms | cores: instances, PostgreSQL, Redis, HAProxy | checkouts/s | checkout p99 ms | checkout statuses | cores: instances, PostgreSQL, Redis, HAProxy | peak RSS per instance MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for row in "${rows[@]}"; do
    IFS='|' read -r n ping prps pp99 pcores crps cp99 cstat ccores rss <<<"$row"
    echo "| $n | $ping | $prps | $pp99 | ${pcores//,/, } | $crps | $cp99 | ${cstat//,/ } | ${ccores//,/, } | $rss |"
  done
} >"$BENCH_DIR/results/$STAMP-cluster.md"
cat "$BENCH_DIR/results/$STAMP-cluster.md"
log "report: bench/results/$STAMP-cluster.md"
