#!/usr/bin/env bash
# Graceful-shutdown drill: starts the packaged jar, keeps several clients firing checkouts,
# sends SIGTERM mid-load, and checks that
#   - every request either completed or was turned away cleanly: refused, answered 503
#     while stopping, or closed unanswered before the application read it (a connection
#     the kernel had queued when the listener closed: no access-log line carries its
#     request id). None was cut off mid-flight: no timeout, no other status, and no
#     unanswered request that the application had started;
#   - the process exited within quarkus.shutdown.timeout (20 s) plus a margin, logging
#     "stopped" and no ERROR. The scheduled jobs run every second during the drill, so some
#     run is due in every stop: one that touched a pool after it closed would log an ERROR;
#   - the stop paused the scheduled jobs and their runs in progress finished first;
#   - no checkout was left half-done: every order the drill made is CONFIRMED with a
#     SUCCEEDED payment, no reservation and its stored 201 answer, and exactly the requests
#     answered 201 made one; a refused or unanswered request made none;
#   - the invariants (docs/architecture.md) hold on the database afterwards.
#
#   make shutdown-drill       (builds the jar and uses $ORDERFLOW_TEST_DB)
#
#   DRILL_MODE             checkout (default): each client is a customer (registered and
#                          signed in through the API, with an address and a tok_visa card)
#                          placing orders of one unit of a product the admin creates;
#                          ping: GET /api/v1/ping, no database writes
#   DRILL_CLIENTS          parallel clients (default 8)
#   DRILL_LOAD_SECS        seconds of load before SIGTERM (default 3)
#   DRILL_PAYMENT_LATENCY  how long each sandbox gateway call takes (default 300ms), so
#                          checkouts are between their reservation and their payment when
#                          SIGTERM lands
#   DRILL_JOBS_EVERY       interval of every scheduled job but the audit partitions (default
#                          1s, the scheduler's finest), so jobs are running when SIGTERM lands
#   DRILL_KEEP             set to keep the work folder (application log, client results)
#   ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD   the first admin (the Makefile exports them)
set -euo pipefail
shopt -s inherit_errexit # a failed call inside $(...) stops the drill too
source "$(dirname "$0")/lib.sh"

jar=${JAR:-target/quarkus-app/quarkus-run.jar}
mode=${DRILL_MODE:-checkout}
clients=${DRILL_CLIENTS:-8}
load_secs=${DRILL_LOAD_SECS:-3}
latency=${DRILL_PAYMENT_LATENCY:-300ms}
jobs_every=${DRILL_JOBS_EVERY:-1s}
stop_limit_secs=25
answer=$([ "$mode" = ping ] && echo 200 || echo 201)
[ -f "$jar" ] || die "no $jar: build first (make build)"
case $mode in checkout | ping) ;; *) die "DRILL_MODE must be checkout or ping, not $mode" ;; esac

work=$(mktemp -d)
run="$(date +%s)-$$"
app_pid=""
failures=0

cleanup() {
  [ -z "$app_pid" ] || kill -KILL "$app_pid" 2>/dev/null || true
  [ -n "${DRILL_KEEP:-}" ] && log "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

check() { if eval "$2"; then log "ok      $1"; else log "FAILED  $1"; failures=$((failures + 1)); fi; }

start_app() {
  # Jobs due all the time: a stop then always lands near a run, the case that once logged
  # "Pool closed" when a run fired after the pools had closed.
  local opts=("-Dorderflow.checkout.expiry.every=$jobs_every" "-Dorderflow.payment.reconcile.every=$jobs_every"
              "-Dorderflow.metrics.reservations-every=$jobs_every" "-Dorderflow.checkout.idempotency.purge-every=$jobs_every"
              "-Dorderflow.identity.refresh-token-purge.every=$jobs_every" "-Dorderflow.payment.webhook-purge.every=$jobs_every")
  if [ "$mode" = checkout ]; then
    # A slow gateway keeps checkouts in flight between reservation and payment at SIGTERM.
    opts+=("-Dorderflow.payment.sandbox.latency=$latency")
    opts+=("${HARNESS_LIMIT_OPTS[@]}")
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of words on purpose
  PORT=$port ORDERFLOW_MANAGEMENT_PORT=$management_port java ${JAVA_OPTS:-} "${opts[@]}" -jar "$jar" > "$work/app.log" 2>&1 &
  app_pid=$!
  log "started $jar (pid $app_pid) on port $port against database $DB_NAME, mode $mode"
}

# api METHOD PATH TOKEN [JSON]: the response body; fails the drill on any status but 2xx.
api() {
  local method=$1 path=$2 token=$3 body=${4:-} args=()
  [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' -d "$body")
  curl -sS --fail-with-body -X "$method" "${args[@]}" "$base$path" || die "$method $path failed"
}

login() {
  api POST /api/v1/auth/login "" "$(jq -n --arg email "$1" --arg password "$2" '{$email, $password}')" \
    | jq -er .accessToken
}

# A product with stock for far more orders than a drill places; prints its id.
create_product() {
  local token
  token=$(login "${ORDERFLOW_ADMIN_EMAIL:?the first admin must be configured}" "${ORDERFLOW_ADMIN_PASSWORD:?}")
  api POST /api/v1/products "$token" "$(jq -n --arg sku "DRILL-$run" '{$sku, name: "Shutdown drill item",
      category: "drill", kind: "physical", priceCents: 1000, currency: "USD", initialStock: 1000000}')" \
    | jq -er .id
}

# Buyer $1: a new customer with an address and a card, and the headers and body of their
# checkout of one unit of product $2 in $work/buyer-$1.headers and .json.
prepare_buyer() {
  local id=$1 product=$2 email="drill-$run-$1@orderflow.test" password="drill-password-$run" token address card
  api POST /api/v1/auth/register "" "$(jq -n --arg email "$email" --arg password "$password" \
      '{$email, $password, firstName: "Drill", lastName: "Buyer"}')" > /dev/null
  token=$(login "$email" "$password")
  address=$(api POST /api/v1/me/addresses "$token" '{"type": "shipping", "line1": "1 Drill Street",
      "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US"}' | jq -er .id)
  card=$(api POST /api/v1/me/payment-methods "$token" '{"token": "tok_visa"}' | jq -er .id)
  printf 'Authorization: Bearer %s\nContent-Type: application/json\n' "$token" > "$work/buyer-$id.headers"
  jq -n --arg product "$product" --arg address "$address" --arg card "$card" \
    '{items: [{productId: $product, quantity: 1}], shippingAddressId: $address,
      billingAddressId: $address, paymentMethodId: $card}' > "$work/buyer-$id.json"
}

prepare_buyers() {
  local product pids=() pid
  product=$(create_product)
  for id in $(seq 1 "$clients"); do prepare_buyer "$id" "$product" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || die "preparing the buyers failed"; done
  log "prepared $clients buyers of product $product"
}

# One client: requests back to back until the stop file appears; one line per request:
# curl exit code, HTTP status, request id (also the Idempotency-Key).
client() {
  local id=$1 n=0 code rc request target=("$base/api/v1/ping")
  [ "$mode" = ping ] ||
    target=(-X POST -H "@$work/buyer-$id.headers" -d "@$work/buyer-$id.json" "$base/api/v1/orders")
  while [ ! -e "$work/stop" ]; do
    n=$((n + 1))
    rc=0
    request="drill-$run-$id-$n"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 \
      -H "X-Request-Id: $request" -H "Idempotency-Key: $request" "${target[@]}") || rc=$?
    echo "$rc $code $request" >> "$work/client-$id"
  done
}

# Starts the clients, sends SIGTERM after the load time, waits for the process and then the clients.
stop_under_load() {
  local id
  for id in $(seq 1 "$clients"); do client "$id" & done
  sleep "$load_secs"
  log "SIGTERM to pid $app_pid under load from $clients clients"
  local started exit_code=0
  started=$(now_ms)
  kill -TERM "$app_pid"
  wait "$app_pid" || exit_code=$?
  stop_ms=$(( $(now_ms) - started ))
  app_pid=""
  sleep 1
  touch "$work/stop"
  wait
  # 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal.
  check "exited on SIGTERM after $stop_ms ms (exit code $exit_code)" \
    "[ $exit_code = 143 ] || [ $exit_code = 0 ]; [ $stop_ms -le $((stop_limit_secs * 1000)) ]"
  check "the log says the application stopped" "grep -q 'stopped in' '$work/app.log'"
  check "no ERROR in the log" "! grep -q ' ERROR ' '$work/app.log'"
  grep ' ERROR ' "$work/app.log" | head -n 5 | sed 's/^/  logged: /' >&2 || true
  check "the stop paused the scheduled jobs and waited for their runs" \
    "grep -q 'Scheduled jobs paused for the stop; the runs in progress finished' '$work/app.log'"
}

# Sorts the clients' requests into completed (their ids in $work/completed), refused and
# closed unread; anything else was cut off.
classify_requests() {
  local rc code request cut_off=0
  completed=0 refused=0 unanswered=0
  : > "$work/completed"
  while read -r rc code request; do
    case "$rc $code" in
      "0 $answer") completed=$((completed + 1)); echo "$request" >> "$work/completed" ;;
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
  log "requests: $completed answered $answer, $refused refused or answered 503, $unanswered closed unread by the application"
  check "requests completed before the stop" "[ $completed -gt 0 ]"
  check "no request cut off mid-flight" "[ $cut_off = 0 ]"
  # Answers logged after the stop began: requests the stop let finish.
  finished=$(sed -n '/Waiting for HTTP requests to complete/,$p' "$work/app.log" | grep -c "access-log.*\" $answer " || true)
  check "$finished requests in flight at SIGTERM finished with $answer" "[ $finished -gt 0 ]"
}

# The keys (first column) of the rows in file $1, sorted for comm.
keys_of() { cut -d'|' -f1 "$1" | sort; }

check_checkouts() {
  local rows=$work/checkouts
  psql_db "$DB_NAME" -v prefix="drill-$run-" < "$ORDERFLOW_SQL_DIR/drill-checkouts.sql" > "$rows"
  grep -v '|confirmed|succeeded|0|201$' "$rows" > "$work/half-done" || true
  comm -23 <(keys_of "$rows") <(sort "$work/completed") > "$work/unanswered-orders"
  comm -13 <(keys_of "$rows") <(sort "$work/completed") > "$work/lost-orders"
  log "orders by status: $(cut -d'|' -f2 "$rows" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')$(wc -l < "$rows") in all"
  sed 's/^/  half-done (key|order|payments|active reservations|stored answer): /' "$work/half-done" >&2
  sed 's/^/  in the database but not answered 201: /' "$work/unanswered-orders" >&2
  sed 's/^/  answered 201 but no order: /' "$work/lost-orders" >&2
  check "every drill order is confirmed, paid, holds no reservation and stored its 201" "[ ! -s '$work/half-done' ]"
  check "no order for a request that was refused or never answered" "[ ! -s '$work/unanswered-orders' ]"
  check "an order for every request answered 201" "[ ! -s '$work/lost-orders' ]"
}

check_invariants() {
  local invariant violations
  while IFS='|' read -r invariant violations; do
    check "$invariant" "[ $violations = 0 ]"
  done < <(psql_db "$DB_NAME" < "$ORDERFLOW_SQL_DIR/invariants.sql")
}

port=$(free_port)
management_port=$(free_port)
base="http://127.0.0.1:$port"
migrate_database "$DB_NAME" "$jar"
start_app
wait_until_ready "http://127.0.0.1:$management_port" "$app_pid" "$work/app.log"
[ "$mode" = ping ] || prepare_buyers
stop_under_load
classify_requests
[ "$mode" = ping ] || check_checkouts
check_invariants

[ "$failures" = 0 ] || { tail -n 30 "$work/app.log" >&2; die "shutdown drill FAILED ($failures checks)"; }
log "shutdown drill passed"
