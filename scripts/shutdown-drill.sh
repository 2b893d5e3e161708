#!/usr/bin/env bash
# Graceful-shutdown drill: starts the packaged jar, keeps several clients firing requests,
# sends SIGTERM mid-load, and checks that
#   - every request either completed or was turned away cleanly: refused, answered 503
#     while stopping, or closed unanswered before the application read it (a connection
#     the kernel had queued when the listener closed: no access-log line carries its
#     request id). None was cut off mid-flight: no timeout, no other status, and no
#     unanswered request that the application had started;
#   - the process exited within quarkus.shutdown.timeout (20 s) plus a margin, logging
#     "stopped" and no ERROR;
#   - the DESIGN.md invariants hold on the database afterwards (nothing left half-done).
#
#   make shutdown-drill       (builds the jar and uses $ORDERFLOW_TEST_DB)
#
#   DRILL_PATH       endpoint to fire (default /api/v1/ping); a checkout later, e.g.
#                    DRILL_METHOD=POST DRILL_PATH=/api/v1/orders DRILL_CURL_ARGS='-H @headers.txt -d @order.json'
#   DRILL_METHOD     default GET
#   DRILL_CURL_ARGS  extra curl arguments (headers, body); each request also sends its own
#                    X-Request-Id and Idempotency-Key (drill-<run>-<client>-<n>)
#   DRILL_CLIENTS    parallel clients (default 8)
#   DRILL_LOAD_SECS  seconds of load before SIGTERM (default 3)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

jar=${JAR:-target/quarkus-app/quarkus-run.jar}
path=${DRILL_PATH:-/api/v1/ping}
method=${DRILL_METHOD:-GET}
clients=${DRILL_CLIENTS:-8}
load_secs=${DRILL_LOAD_SECS:-3}
stop_limit_secs=25
[ -f "$jar" ] || die "no $jar: build first (make build)"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free port found"
}

work=$(mktemp -d)
app_pid=""
cleanup() {
  [ -z "$app_pid" ] || kill -KILL "$app_pid" 2>/dev/null || true
  [ -n "${DRILL_KEEP:-}" ] && log "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
url="http://127.0.0.1:$port$path"
run="$(date +%s)-$$"
PORT=$port java ${JAVA_OPTS:-} -jar "$jar" > "$work/app.log" 2>&1 &
app_pid=$!
log "started $jar (pid $app_pid) on port $port against database $DB_NAME"

for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the application did not start"; }
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" || die "the application is not ready after 60 s"

# One client: requests back to back until the stop file appears; one line per request:
# curl exit code, HTTP status, request id.
client() {
  local id=$1 n=0 code rc request
  while [ ! -e "$work/stop" ]; do
    n=$((n + 1))
    rc=0
    request="drill-$run-$id-$n"
    # shellcheck disable=SC2086 # DRILL_CURL_ARGS is a list of words on purpose
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X "$method" \
      -H "X-Request-Id: $request" -H "Idempotency-Key: $request" \
      ${DRILL_CURL_ARGS:-} "$url") || rc=$?
    echo "$rc $code $request" >> "$work/client-$id"
  done
}
for id in $(seq 1 "$clients"); do client "$id" & done

sleep "$load_secs"
log "SIGTERM to pid $app_pid under load from $clients clients"
stop_started=$(now_ms)
kill -TERM "$app_pid"
exit_code=0
wait "$app_pid" || exit_code=$?
stop_ms=$(( $(now_ms) - stop_started ))
app_pid=""
sleep 1
touch "$work/stop"
wait

failures=0
check() { if eval "$2"; then log "ok      $1"; else log "FAILED  $1"; failures=$((failures + 1)); fi; }

# 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal.
check "exited on SIGTERM after $stop_ms ms (exit code $exit_code)" \
  "[ $exit_code = 143 ] || [ $exit_code = 0 ]; [ $stop_ms -le $((stop_limit_secs * 1000)) ]"
check "the log says the application stopped" "grep -q 'stopped in' '$work/app.log'"
check "no ERROR in the log" "! grep -q ' ERROR ' '$work/app.log'"

completed=0 refused=0 unanswered=0 cut_off=0
while read -r rc code request; do
  case "$rc $code" in
    "0 2"??) completed=$((completed + 1)) ;;
    "0 503" | "7 "*) refused=$((refused + 1)) ;;
    # Empty reply or reset: fine only if the application never started on it.
    "52 "* | "56 "*)
      if grep -q "requestId=$request\$" "$work/app.log"; then
        log "cut off after the application answered: $request"; cut_off=$((cut_off + 1))
      else
        unanswered=$((unanswered + 1))
      fi ;;
    *) log "cut off: $request (curl exit code $rc, HTTP status $code)"; cut_off=$((cut_off + 1)) ;;
  esac
done < <(cat "$work"/client-*)
log "requests: $completed completed, $refused refused or answered 503, $unanswered closed unread by the application"
check "requests completed before the stop" "[ $completed -gt 0 ]"
check "no request cut off mid-flight" "[ $cut_off = 0 ]"

invariants=$(psql_db "$DB_NAME" < "$ORDERFLOW_SQL_DIR/invariants.sql")
while IFS='|' read -r invariant violations; do
  check "$invariant" "[ $violations = 0 ]"
done <<< "$invariants"

[ "$failures" = 0 ] || { tail -n 30 "$work/app.log" >&2; die "shutdown drill FAILED ($failures checks)"; }
log "shutdown drill passed"
