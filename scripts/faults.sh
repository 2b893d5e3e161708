#!/usr/bin/env bash
# Fault suite (issue 10): for each scenario, starts the packaged jar on a fresh database, lets
# customers rush one product with concurrent checkouts (every client retrying a 5xx, a 409
# idempotency-in-flight and a connection error with the same Idempotency-Key and body, honouring
# Retry-After, for a bounded time), injects the scenario's fault in the middle, and checks:
#   - every checkout got a final answer (201, 402, 409 out-of-stock, 422), and no request was ever
#     answered 500;
#   - units sold = units confirmed, nothing oversold, stock conserved; no order captured twice;
#     the gateway's money equals the database's (scripts/sql/gateway-ledger.sql, where it exists);
#     scripts/sql/faults.sql and scripts/sql/invariants.sql find no violation;
#   - within the recovery window nothing is left unsettled (scripts/sql/unsettled.sql: no pending
#     order holding stock, no payment pending or unknown);
#   - readiness (/q/health/ready) is UP again within FAULTS_READY_SECS of the fault ending.
# Prints a table and writes it, with details, to bench/results/faults-<UTC timestamp>.md. Exits
# non-zero unless every scenario passed; a scenario that could not check everything (a feature
# missing on this branch, or a fault that hit nothing it needed) is INCOMPLETE, not a pass either.
#
#   make faults                                  (builds the jar first)
#   SCENARIOS=pg-restart,redis-flush make faults
#   FAULTS_FAST=1 make faults                    (small rushes, for CI)
#
# Scenarios: pg-restart, event-pg-restart, redis-restart, redis-flush, server-kill, gateway, webhooks, staff,
# two-instances, cluster (see the scenario_* functions below for what each does). make cluster-check runs
# cluster alone: three instances behind HAProxy, one SIGKILLed and one SIGTERMed mid-rush.
#
# Variables:
#   SCENARIOS              comma-separated subset (default: all, in the order above)
#   FAULTS_FAST=1          8 clients, 60 checkouts, 45 units, 2 orders per staff race
#   FAULTS_CLIENTS / FAULTS_CHECKOUTS / FAULTS_UNITS   32 / 400 / 300: each client is a customer;
#                          checkouts are of 1 or 2 units (FAULTS_MAX_QTY), so demand exceeds stock
#   FAULTS_THINK_MS        400: average pause of a client between its checkouts (spreads the rush
#                          over several seconds, so the fault lands among running checkouts)
#   FAULTS_AT              25: the fault is injected once this percentage of checkouts was answered
#   FAULTS_RETRY_SECS      90: how long a client retries one request before giving up
#   FAULTS_RECOVERY_SECS   70: how long the recovery jobs get to settle what the fault left
#   FAULTS_READY_SECS      10: readiness must be UP again this long after the fault ended
#   FAULTS_DB              orderflow_faults: recreated for every scenario
#   ORDERFLOW_DB_PORT      5432: PostgreSQL; its cluster (FAULTS_PG_VERSION / FAULTS_PG_CLUSTER)
#                          is looked up by port with pg_lsclusters, defaulting to 15 / main
#   ORDERFLOW_REDIS_PORT   Redis port (default: the port of ORDERFLOW_REDIS_URL, else 6379)
#   FAULTS_REDIS_DOWN_SECS 2: how long Redis stays dead in redis-restart
#   FAULTS_GATEWAY_TIMEOUT 3s: the gateway call timeout in the gateway scenario (2 s latency)
#   REPLICA=1              the cluster scenario's instances read listings on a streaming replica of the
#                          database's cluster (scripts/replica.sh, port REPLICA_PORT, default 5433), which is
#                          stopped for 3 s mid-rush: listings must still answer, from the primary
#   FAULTS_KEEP=1          keep the work folder target/faults-<timestamp> (server logs, client
#                          answers) even when all passed; it is kept anyway when something failed
#   JAVA_OPTS              extra JVM options for the server
#
# The PostgreSQL restart and the Redis kill, restart and FLUSHALL hit the services on the ports
# above: on a shared machine point them at a private cluster and Redis (docs/operations.md).
set -euo pipefail
shopt -s inherit_errexit
LOG_TAG=faults
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
CLIENT=bench/faults/FaultRush.java
ALL_SCENARIOS=pg-restart,event-pg-restart,redis-restart,redis-flush,server-kill,gateway,webhooks,staff,two-instances,cluster
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
FAULTS_DB=${FAULTS_DB:-orderflow_faults}
if [ "${FAULTS_FAST:-0}" = 1 ]; then
  clients=${FAULTS_CLIENTS:-8} checkouts=${FAULTS_CHECKOUTS:-60} units=${FAULTS_UNITS:-45}
  think_ms=${FAULTS_THINK_MS:-200} per_race=2
else
  clients=${FAULTS_CLIENTS:-32} checkouts=${FAULTS_CHECKOUTS:-400} units=${FAULTS_UNITS:-300}
  think_ms=${FAULTS_THINK_MS:-400} per_race=4
fi
max_qty=${FAULTS_MAX_QTY:-2}
fault_at=${FAULTS_AT:-25}
retry_secs=${FAULTS_RETRY_SECS:-90}
recovery_secs=${FAULTS_RECOVERY_SECS:-70}
ready_secs=${FAULTS_READY_SECS:-10}
redis_down_secs=${FAULTS_REDIS_DOWN_SECS:-2}
REPLICA_PORT=${REPLICA_PORT:-5433}

# The server's settings: the production profile with what `make run` supplies locally. bcrypt cost
# 10 (the minimum) only makes creating the customers faster; nothing here tests passwords.
export ORDERFLOW_DB_NAME=$FAULTS_DB ORDERFLOW_DB_PASSWORD=$APP_PASSWORD ORDERFLOW_DB_OWNER_PASSWORD=$OWNER_PASSWORD
export_server_defaults orderflow-faults-webhook-secret
export ORDERFLOW_BCRYPT_COST=${ORDERFLOW_BCRYPT_COST:-10}
redis_url=${ORDERFLOW_REDIS_URL:-redis://127.0.0.1:6379}
REDIS_HOST=127.0.0.1
REDIS_PORT=${ORDERFLOW_REDIS_PORT:-$(sed -nE 's#^.*:([0-9]+)/?.*$#\1#p' <<<"$redis_url")}
REDIS_PORT=${REDIS_PORT:-6379}
export ORDERFLOW_REDIS_PORT=$REDIS_PORT ORDERFLOW_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT"

# The cluster serving DB_PORT, so a restart never hits another one.
read -r pg_found_version pg_found_cluster < <(pg_lsclusters -h 2>/dev/null | awk -v p="$DB_PORT" '$3 == p {print $1, $2; exit}') || true
PG_VERSION=${FAULTS_PG_VERSION:-${pg_found_version:-15}}
PG_CLUSTER=${FAULTS_PG_CLUSTER:-${pg_found_cluster:-main}}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
# Under target/ (git-ignored, removed by make clean), not /tmp, where others' clean-ups may reach it.
work=$ROOT/target/faults-$stamp
mkdir -p "$work"
report="bench/results/faults-$stamp.md"
redis_cmd_file=$work/redis.cmd

cleanup() {
  local pid_file
  [ ! -e "$work/replica" ] || "$ROOT/scripts/replica.sh" stop "$REPLICA_PORT" || log "the replica on port $REPLICA_PORT could not be dropped"
  for pid_file in "$work"/*/haproxy/haproxy.pid; do stop_haproxy "$(dirname "$pid_file")"; done
  for pid_file in "$work"/*/*.pid; do kill_server "$pid_file"; done
  # Never leave Redis down: a run interrupted between the kill and the restart restarts it here.
  if [ -s "$redis_cmd_file" ] && ! redis_answers; then restart_redis || log "Redis on port $REDIS_PORT is DOWN"; fi
  if [ -n "${FAULTS_KEEP:-}" ] || [ "${suite_failed:-1}" != 0 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---- recording what a scenario found ---------------------------------------------------------------

violation() { [ -z "$2" ] || [ "$2" = 0 ] || printf '%s|%s\n' "$1" "$2" >> "$sdir/violations"; }
missing() { echo "$*" >> "$sdir/missing"; }
note() { echo "$*" >> "$sdir/notes"; }
# field LINE KEY: the value of KEY=value in a client's result line.
field() { grep -o "\b$2=[^ ]*" <<<"$1" | head -n 1 | cut -d= -f2-; }
# status_count COUNTS STATUS: N of STATUS:N in a 201:3,500:2 list.
status_count() { tr ',' '\n' <<<"$1" | awk -F: -v s="$2" '$1 == s {n += $NF} END {print n + 0}'; }
# Counts of labels in a label:N list that match / do not match an extended regex.
count_matching() { tr ',' '\n' <<<"$1" | awk -F: -v re="$2" '$1 ~ re {n += $NF} END {print n + 0}'; }
count_other() { tr ',' '\n' <<<"$1" | awk -F: -v re="$2" '$1 != "-" && $1 !~ re {n += $NF} END {print n + 0}'; }
labels_other() { tr ',' '\n' <<<"$1" | awk -F: -v re="$2" '$1 != "-" && $1 !~ re' | paste -sd' ' -; }

# ---- servers -----------------------------------------------------------------------------------------

# start_server NAME PORT [JVM options...]: the packaged jar in the production profile, its management
# interface (health, metrics) on a port of its own, kept across restarts.
start_server() {
  local name=$1 port=$2 management; shift 2
  management=$(cat "$sdir/$name.management" 2>/dev/null || free_port)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of words on purpose
  PORT=$port ORDERFLOW_MANAGEMENT_PORT=$management ORDERFLOW_INSTANCE=$name java ${JAVA_OPTS:-} "${HARNESS_LIMIT_OPTS[@]}" "$@" -jar "$JAR" >> "$sdir/$name.log" 2>&1 &
  echo $! > "$sdir/$name.pid"
  echo "$port" > "$sdir/$name.port"
  echo "$management" > "$sdir/$name.management"
  printf '%s\n' "$@" > "$sdir/$name.opts"
}

base_of() { echo "http://127.0.0.1:$(cat "$sdir/$1.port")"; }
# Where clients send requests: HAProxy when the scenario put one in front, else server a.
api_base() { if [ -e "$sdir/front.port" ]; then echo "http://127.0.0.1:$(cat "$sdir/front.port")"; else base_of a; fi; }
management_of() { echo "http://127.0.0.1:$(cat "$sdir/$1.management")"; }
pid_of() { cat "$sdir/$1.pid"; }

# kill_server PID_FILE [SIGNAL]: signals a server this script started (default KILL), checking the
# pid is still that java process (its jar, run from here) and not a reused one; after a KILL, or
# when the process is gone, the pid file goes too.
kill_server() {
  local pid_file=$1 pid
  [ -e "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$ROOT" ] \
     && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-jar $JAR"; then
    kill "-${2:-KILL}" "$pid" 2>/dev/null || true
    [ "${2:-KILL}" != KILL ] || rm -f "$pid_file"
  else
    rm -f "$pid_file"
  fi
}

stop_server() {
  local pid_file=$sdir/$1.pid pid
  [ -e "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  kill_server "$pid_file" TERM
  for _ in $(seq 1 125); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill_server "$pid_file"
  wait "$pid" 2>/dev/null || true
}

# Milliseconds until every management URL answers readiness 200 (-1 after 60 s).
readiness_ms() {
  local started; started=$(now_ms)
  for b in "$@"; do
    until curl -sf -o /dev/null --max-time 2 "$b/q/health/ready"; do
      [ $(( $(now_ms) - started )) -lt 60000 ] || { echo -1; return; }
      sleep 0.1
    done
  done
  echo $(( $(now_ms) - started ))
}

check_readiness() {
  local ms; ms=$(readiness_ms "$@")
  note "readiness UP $( [ "$ms" -ge 0 ] && echo "$ms ms" || echo "not within 60 s") after the fault ended"
  echo "$ms" > "$sdir/ready_ms"
  if [ "$ms" -lt 0 ] || [ "$ms" -gt $((ready_secs * 1000)) ]; then
    violation "readiness not UP within $ready_secs s of the fault ending" 1
  fi
}

# ---- faults --------------------------------------------------------------------------------------------

pg_restart() {
  local started; started=$(now_ms)
  # Output to a file: the new postmaster must not hold this script's pipes open.
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart -m fast \
    < /dev/null > "$sdir/pg_ctlcluster.out" 2>&1
  note "fault: pg_ctlcluster $PG_VERSION $PG_CLUSTER restart -m fast took $(( $(now_ms) - started )) ms"
}

redis_cli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
redis_config() { redis_cli CONFIG GET "$1" | sed -n 2p; }

# Saves how the running Redis was started (NUL-separated argv, its directory and user) in
# $redis_cmd_file. Redis rewrites its process title over its argv (set-proc-title), so
# /proc/<pid>/cmdline may hold only "redis-server 127.0.0.1:6379": the command line is then rebuilt
# from the running server's own settings, the options it is started with here.
save_redis_command() {
  local pid argv=() arg
  pid=$(redis_cli INFO server | tr -d '\r' | awk -F: '$1 == "process_id" {print $2}')
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || die "cannot find the Redis process on port $REDIS_PORT"
  mapfile -d '' argv < "/proc/$pid/cmdline"
  local real=0
  for arg in "${argv[@]:1}"; do [ -z "$arg" ] || real=1; done
  if [ "$real" = 1 ]; then
    note "Redis restarted with its own command line from /proc/$pid/cmdline"
  else
    local config_file save
    config_file=$(redis_cli INFO server | tr -d '\r' | awk -F: '$1 == "config_file" {print $2}')
    save=$(redis_config save)
    argv=(redis-server)
    [ -z "$config_file" ] || argv+=("$config_file")
    # Several bind addresses and save points are separate words, as typed on a command line.
    # shellcheck disable=SC2046
    argv+=(--daemonize "$(redis_config daemonize)" --bind $(redis_config bind) --port "$REDIS_PORT")
    # shellcheck disable=SC2206
    if [ -z "$save" ]; then argv+=(--save ""); else argv+=(--save $save); fi
    argv+=(--appendonly "$(redis_config appendonly)" --dir "$(redis_config dir)" --logfile "$(redis_config logfile)")
    note "Redis restarted with the command line rebuilt from its settings (/proc shows its title): $(printf '%q ' "${argv[@]}")"
  fi
  printf '%s\0' "$(readlink "/proc/$pid/cwd")" "$(stat -c %U "/proc/$pid")" "${argv[@]}" > "$redis_cmd_file"
  redis_pid=$pid
}

restart_redis() {
  local fields=() dir user
  mapfile -d '' fields < "$redis_cmd_file"
  dir=${fields[0]} user=${fields[1]}
  local argv=("${fields[@]:2}")
  (cd "$dir" && if [ "$user" = "$(id -un)" ]; then setsid "${argv[@]}"; else as_root runuser -u "$user" -- setsid "${argv[@]}"; fi) \
    < /dev/null > /dev/null 2>&1 &
  for _ in $(seq 1 100); do redis_answers && return 0; sleep 0.1; done
  return 1
}

redis_restart() {
  local pid save_before started
  save_before=$(redis_config save)
  save_redis_command
  pid=$redis_pid
  kill -KILL "$pid"
  for _ in $(seq 1 50); do redis_answers || break; sleep 0.1; done
  sleep "$redis_down_secs"
  started=$(now_ms)
  restart_redis || die "Redis did not come back on port $REDIS_PORT"
  note "fault: Redis (pid $pid) SIGKILLed, down ${redis_down_secs} s, back $(( $(now_ms) - started )) ms after the restart"
  [ "$(redis_config save)" = "$save_before" ] || violation "Redis restarted with other snapshot settings" 1
  rm -f "$redis_cmd_file"
}

redis_flush() {
  redis_cli FLUSHALL > /dev/null
  note "fault: FLUSHALL on Redis port $REDIS_PORT"
}

# SIGKILL the server and start it again on the same port, with the same options; the fault ends
# when the new process has started (its JVM start-up is not what readiness measures).
# Waits (up to 10 s) until runs are between reservation and payment: an eighth of the clients (at least 2)
# with a payment pending; prints how many there are.
pending_payments() {
  local pending=0 want=$(( clients / 8 > 2 ? clients / 8 : 2 ))
  for _ in $(seq 1 100); do
    pending=$(psql_db "$FAULTS_DB" -c "SELECT count(*) FROM payments WHERE status = 'pending'")
    [ "$pending" -lt "$want" ] || break
    sleep 0.1
  done
  echo "$pending"
}

server_kill() {
  local opts=() port started lines pending
  mapfile -t opts < "$sdir/a.opts"
  port=$(cat "$sdir/a.port")
  pending=$(pending_payments)
  local old; old=$(pid_of a)
  kill_server "$sdir/a.pid"
  wait "$old" 2>/dev/null || true
  lines=$(wc -l < "$sdir/a.log")
  started=$(now_ms)
  start_server a "$port" "${opts[@]}"
  for _ in $(seq 1 1200); do
    tail -n +"$((lines + 1))" "$sdir/a.log" | grep -q ' started in ' && break
    kill -0 "$(pid_of a)" 2>/dev/null || die "the restarted server exited"
    sleep 0.1
  done
  note "fault: server SIGKILLed with $pending payments pending and started again; the new process started in $(( $(now_ms) - started )) ms"
}

# ---- one scenario --------------------------------------------------------------------------------------

client() { java "$CLIENT" "$@"; }

# prepare [cards] [kind]: customers and the product (physical, or an event whose seats are its stock) through
# the API of server a.
prepare() {
  local out
  out=$(client setup base="$(api_base)" dir="$sdir" run="$run" customers="$clients" units="$units" \
    cards="${1:-tok_visa}" kind="${2:-physical}" | grep '^SETUP') || die "setting up customers and the product failed"
  local refused; refused=$(field "$out" refused_cards)
  [ "$refused" = - ] || missing "card tokens $refused refused by the sandbox (not on this branch): their buyers used tok_visa"
}

# rush FAULT [rush options...]: the checkouts in the background; FAULT (a function, or -) once
# FAULTS_AT % of them were answered.
rush() {
  local fault=$1; shift
  local bases=() managements=() b
  for b in "$sdir"/*.pid; do
    bases+=("$(base_of "$(basename "$b" .pid)")")
    managements+=("$(management_of "$(basename "$b" .pid)")")
  done
  [ ! -e "$sdir/front.port" ] || bases=("$(api_base)")
  client rush bases="$(IFS=,; echo "${bases[*]}")" dir="$sdir" checkouts="$checkouts" max-qty="$max_qty" \
    think-ms="$think_ms" retry-secs="$retry_secs" "$@" > "$sdir/rush.out" 2> "$sdir/rush.err" &
  local rush_pid=$!
  if [ "$fault" != - ]; then
    local want=$((checkouts * fault_at / 100)) answered=0
    while answered=$(wc -l 2>/dev/null < "$sdir/answers.tsv" || echo 0); [ "$answered" -lt "$want" ]; do
      kill -0 "$rush_pid" 2>/dev/null || break
      sleep 0.05
    done
    if kill -0 "$rush_pid" 2>/dev/null; then
      note "fault injected after $answered of $checkouts checkouts were answered"
      "$fault"
      now_ms > "$sdir/fault_end_ms"
      # The instances still running (a fault may have stopped some for good).
      managements=()
      for b in "$sdir"/*.pid; do managements+=("$(management_of "$(basename "$b" .pid)")"); done
      check_readiness "${managements[@]}"
    else
      missing "the rush ended before the fault could be injected"
    fi
  fi
  wait "$rush_pid" || { cat "$sdir/rush.err" >&2; die "the rush client failed"; }
  [ -s "$sdir/rush.err" ] && sed 's/^/  client: /' "$sdir/rush.err" >&2
  rush_line=$(grep '^RUSH' "$sdir/rush.out")
  webhooks_line=$(grep '^WEBHOOKS' "$sdir/rush.out" || true)
  local outcomes seen requests final='^(201|402|409|422|gave-up.*|abandoned)$'
  outcomes=$(field "$rush_line" outcomes)
  seen=$(field "$rush_line" seen)
  requests=$(field "$rush_line" requests)
  echo "$requests" > "$sdir/requests"
  tr ',' ' ' <<<"$outcomes" > "$sdir/outcomes"
  note "rush: $requests checkouts by $clients clients in $(field "$rush_line" seconds) s; every attempt's answer: $seen"
  local abandoned; abandoned=$(status_count "$outcomes" abandoned)
  if [ "$abandoned" != 0 ]; then
    local placed
    placed=$(awk '$6 == "abandoned" {print $1}' "$sdir/answers.tsv" | psql_db "$FAULTS_DB" \
      -c "CREATE TEMP TABLE k (key text); COPY k FROM STDIN; SELECT count(*) FROM orders JOIN k ON idempotency_key = key")
    note "$abandoned clients walked away when the fault cut their checkout, $placed of them after their order was placed:" \
      "only the recovery jobs can finish those ($((checkouts - requests)) planned checkouts not sent)"
    [ "$placed" != 0 ] || missing "no client that walked away had placed its order: the recovery jobs were not put to the test (run it again)"
  fi
  violation "checkout attempts answered 500" "$(status_count "$seen" 500)"
  violation "checkouts without a final answer (gave up after $retry_secs s)" "$(count_matching "$outcomes" '^gave-up')"
  violation "checkouts with an unexpected final answer: $(labels_other "$outcomes" "$final")" "$(count_other "$outcomes" "$final")"
  [ "$(field "$rush_line" twins)" = 0 ] ||
    note "$(field "$rush_line" twins) checkouts were submitted twice at once (the second to the other instance); $(field "$rush_line" twin_mismatches) pairs got different answers"
  violation "double submissions answered differently" "$(field "$rush_line" twin_mismatches)"
}

webhook_results() {
  local line=$1 outcomes seen events
  outcomes=$(field "$line" outcomes) seen=$(field "$line" seen) events=$(field "$line" events)
  echo $(( $(cat "$sdir/requests") + events )) > "$sdir/requests"
  echo "webhooks $(tr ',' ' ' <<<"$outcomes")" >> "$sdir/outcomes"
  note "webhooks: $events events for $(field "$line" charges) charges, $(field "$line" during_rush) sent during the rush; every attempt's answer: $seen"
  violation "webhook attempts answered 500" "$(status_count "$seen" 500)"
  violation "webhook events not answered 200: $(labels_other "$outcomes" '^200$')" "$(count_other "$outcomes" '^200$')"
}

# Polls unsettled.sql until all is settled or the recovery window, counted from the end of the
# fault (or of the rush, without one), is over; records what is left.
wait_settled() {
  local started rows left since=fault
  if [ -f "$sdir/fault_end_ms" ]; then started=$(cat "$sdir/fault_end_ms"); else since=rush started=$(now_ms); fi
  while :; do
    rows=$(psql_db "$FAULTS_DB" < "$ORDERFLOW_SQL_DIR/unsettled.sql")
    left=$(awk -F'|' '{n += $2} END {print n + 0}' <<<"$rows")
    [ "$left" = 0 ] && break
    [ $(( $(now_ms) - started )) -lt $((recovery_secs * 1000)) ] || break
    sleep 2
  done
  note "settled: $( [ "$left" = 0 ] && echo "all, $(( ($(now_ms) - started) / 1000 )) s after the $since ended" \
    || echo "NOT within $recovery_secs s of the $since ending")"
  local what n
  while IFS='|' read -r what n; do violation "$what after $recovery_secs s" "$n"; done <<<"$rows"
}

# The SQL checks, with what the clients were answered loaded into temporary tables first.
sql_checks() {
  local what n
  {
    echo "CREATE TEMP TABLE answers (key text, status int, type text, quantity int, order_id uuid, label text, attempts int, card text);"
    echo "CREATE TEMP TABLE staff_ops (order_id uuid, race text, op text, key text, amount bigint, status int, type text);"
    echo "CREATE TEMP TABLE webhooks_sent (event_id text, gateway_key text, charge_id text, status int, during_rush int);"
    for table in answers staff_ops:staff webhooks_sent:webhooks; do
      echo "COPY ${table%%:*} FROM STDIN;"
      cat "$sdir/${table#*:}.tsv" 2>/dev/null || true
      echo '\.'
    done
    cat "$ORDERFLOW_SQL_DIR/faults.sql"
  } | psql_db "$FAULTS_DB" -v product="$(cat "$sdir/product")" -v units="$units" > "$sdir/checks"
  while IFS='|' read -r what n; do violation "$what" "$n"; done < "$sdir/checks"
  while IFS='|' read -r what n; do violation "invariant: $what" "$n"; done \
    < <(psql_db "$FAULTS_DB" < "$ORDERFLOW_SQL_DIR/invariants.sql")
  if [ -f "$ORDERFLOW_SQL_DIR/gateway-ledger.sql" ]; then
    while IFS='|' read -r what n; do violation "gateway ledger: $what" "$n"; done \
      < <(psql_db "$FAULTS_DB" < "$ORDERFLOW_SQL_DIR/gateway-ledger.sql")
  else
    missing "gateway money = database money not checked: scripts/sql/gateway-ledger.sql is not on this branch"
  fi
}

# begin NAME [JVM options...]: a fresh database and server a.
begin() {
  "$ROOT/scripts/services.sh" recreate "$FAULTS_DB"
  migrate_database "$FAULTS_DB" "$JAR"
  start_server a "$(free_port)" "$@"
  wait_until_ready "$(management_of a)" "$(pid_of a)" "$sdir/a.log" 120
}

finish() {
  wait_settled
  sql_checks
  local s; for s in "$sdir"/*.pid; do stop_server "$(basename "$s" .pid)"; done
  grep -h ' ERROR ' "$sdir"/*.log > "$sdir/errors" || true
  [ ! -s "$sdir/errors" ] || note "server log: $(wc -l < "$sdir/errors") ERROR lines (first: $(head -n 1 "$sdir/errors" | cut -c1-200))"
}

# ---- the scenarios -------------------------------------------------------------------------------------

# PostgreSQL restarted (fast shutdown: every connection is cut) in the middle of the rush.
scenario_pg_restart() { begin; prepare; rush pg_restart; finish; }

# The same restart while the rush buys an event's seats: the course-and-event rules in the reserve
# transaction and the bookings written in the settle transaction are retried with the rest.
scenario_event_pg_restart() { begin; prepare tok_visa event; rush pg_restart; finish; }

# Redis SIGKILLed mid-rush and started again with the command line it had.
scenario_redis_restart() { begin; prepare; rush redis_restart; finish; }

# Every Redis key (idempotency fast path, sold-out gate, token deny-list, limits) gone mid-rush.
scenario_redis_flush() { begin; prepare; rush redis_flush; finish; }

# The server SIGKILLed mid-rush with a slow gateway (runs are between reservation and payment),
# then started again: the recovery job must finish what was stranded within the recovery window.
# Odd clients walk away at the kill: only the recovery jobs can finish what they started.
scenario_server_kill() { begin -Dorderflow.payment.sandbox.latency=300ms; prepare; rush server_kill abandon=odd; finish; }

# The gateway misbehaving: cards whose first charge captures but times out, cards whose first
# charge fails transiently, and every call taking 2 s.
scenario_gateway() {
  begin -Dorderflow.payment.sandbox.latency=2s "-Dorderflow.payment.gateway-timeout=${FAULTS_GATEWAY_TIMEOUT:-3s}"
  prepare tok_captureTimeout,tok_flaky,tok_visa
  note "gateway: 2 s per call, timeout ${FAULTS_GATEWAY_TIMEOUT:-3s}; cards tok_captureTimeout, tok_flaky, tok_visa in turn"
  rush -
  finish
}

# payment.succeeded events for the rush's charges, duplicated, reordered and racing the synchronous
# settle (charges read from the gateway ledger endpoint while the rush runs; without that endpoint
# they are read from the database afterwards, so they cannot race).
scenario_webhooks() {
  begin -Dorderflow.payment.sandbox.latency=300ms
  prepare
  rush - webhooks=ledger secret="$ORDERFLOW_WEBHOOK_SECRET"
  if [ "$(field "$webhooks_line" ledger)" = missing ]; then
    missing "gateway ledger endpoint (GET /api/v1/admin/gateway/ledger) not on this branch: events were sent after the rush from the database, none raced the settle"
    psql_db "$FAULTS_DB" -c "SELECT gateway_idempotency_key, gateway_charge_id, amount_cents FROM payments
                              WHERE gateway_charge_id IS NOT NULL" > "$sdir/charges"
    webhooks_line=$(client webhooks base="$(base_of a)" dir="$sdir" charges="$sdir/charges" \
      secret="$ORDERFLOW_WEBHOOK_SECRET" | grep '^WEBHOOKS')
  fi
  webhook_results "$webhooks_line"
  finish
}

# Staff racing each other on the rush's confirmed orders: concurrent refunds, one refund key sent
# twice, a refund racing a cancel, a cancel racing a shipment.
scenario_staff() {
  begin
  prepare
  rush -
  local line outcomes seen requests
  line=$(client staff base="$(base_of a)" dir="$sdir" per-race="$per_race" retry-secs="$retry_secs" | grep '^STAFF')
  outcomes=$(field "$line" outcomes) seen=$(field "$line" seen) requests=$(field "$line" requests)
  echo $(( $(cat "$sdir/requests") + requests )) > "$sdir/requests"
  echo "staff $(tr ',' ' ' <<<"$seen")" >> "$sdir/outcomes"
  note "staff: $requests requests on $((4 * per_race)) orders; answers $outcomes"
  violation "staff attempts answered 500" "$(status_count "$seen" 500)"
  violation "staff requests with an unexpected final answer" "$(field "$line" unexpected)"
  violation "a cancel and a shipment of one order both succeeded" "$(field "$line" cancel_and_ship_both_won)"
  finish
}

# Two instances on one database (both running every scheduled job), the rush split across them,
# and one checkout in ten submitted twice at once, to both.
scenario_two_instances() {
  begin
  start_server b "$(free_port)"
  wait_until_ready "$(management_of b)" "$(pid_of b)" "$sdir/b.log" 120
  prepare
  rush - twins=0.1
  finish
}

# Three instances behind HAProxy (scripts/lib.sh's configuration, as make cluster runs it): checkouts with
# declined, flaky and good cards, one in ten sent twice at once (HAProxy spreads the pair over instances),
# and product reads all along. Mid-rush instance b is SIGKILLed, then c is stopped with SIGTERM (it drains:
# readiness DOWN while it keeps serving for the shutdown delay). Every read must be answered 200; HAProxy
# must mark b down within two check intervals and c within its shutdown delay, and send neither anything after.
scenario_cluster() {
  # A declined card keeps its order pending (its buyer may pay again): the cap on a customer's pending
  # orders (5) would otherwise answer most of a declined buyer's checkouts, which is not what this tests.
  local opts=(-Dorderflow.payment.sandbox.latency=300ms "-Dquarkus.shutdown.delay=$(haproxy_drain_delay)"
              -Dorderflow.checkout.hold-limit.pending-orders=1000)
  if [ "${REPLICA:-0}" = 1 ]; then
    "$ROOT/scripts/replica.sh" start "$REPLICA_PORT"
    touch "$work/replica"
    opts+=("-Dorderflow.replica.address=$DB_HOST:$REPLICA_PORT")
  fi
  begin "${opts[@]}"
  local name servers=("a:$(cat "$sdir/a.port"):$(cat "$sdir/a.management")")
  for name in b c; do
    start_server "$name" "$(free_port)" "${opts[@]}"
    wait_until_ready "$(management_of "$name")" "$(pid_of "$name")" "$sdir/$name.log" 120
    servers+=("$name:$(cat "$sdir/$name.port"):$(cat "$sdir/$name.management")")
  done
  free_port > "$sdir/front.port"
  free_port > "$sdir/stats.port"
  mkdir -p "$sdir/haproxy"
  write_haproxy_config "$sdir/haproxy" "$(cat "$sdir/front.port")" "$(cat "$sdir/stats.port")" "${servers[@]}"
  start_haproxy "$sdir/haproxy" "$(cat "$sdir/stats.port")" a b c
  note "three instances behind HAProxy (checks every $HAPROXY_CHECK_MS ms, out after 2 failed; shutdown delay $(haproxy_drain_delay))"
  prepare tok_chargeDeclined,tok_flaky,tok_visa
  reads_through_haproxy &
  local reads_pid=$!
  rush cluster_faults twins=0.1
  kill "$reads_pid" 2>/dev/null || true
  wait "$reads_pid" 2>/dev/null || true
  local reads failed
  reads=$(wc -l < "$sdir/reads")
  failed=$(grep -cv '^200$' "$sdir/reads" || true)
  echo $(( $(cat "$sdir/requests") + reads )) > "$sdir/requests"
  echo "reads $(sort "$sdir/reads" | uniq -c | awk '{printf "%s%s:%s", (NR > 1 ? "," : ""), $2, $1}')" >> "$sdir/outcomes"
  note "product reads through HAProxy during the rush: $reads, not answered 200: $failed"
  violation "product reads through HAProxy not answered 200" "$failed"
  [ "${REPLICA:-0}" != 1 ] || replica_results
  for name in b c; do
    local now
    now=$(haproxy_server "$(cat "$sdir/stats.port")" "$name" | awk '{print $2}')
    violation "requests HAProxy sent to $name after marking it down" "$(( now - $(cat "$sdir/$name.sent_when_down") ))"
  done
  finish
  stop_haproxy "$sdir/haproxy"
}

# A product page and a search in turn (a new price floor each time, so no first page comes from memory).
reads_through_haproxy() {
  local base product n=0; base=$(api_base) product=$(cat "$sdir/product")
  while :; do
    n=$((n + 1))
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "$base/api/v1/products/$product" >> "$sdir/reads" || true
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "$base/api/v1/products?limit=5&minPriceCents=$((n % 1000))" >> "$sdir/reads" || true
    sleep 0.02
  done
}

# series NAME: the value of one series of server a's metrics (0 when absent).
series() { curl -sf "$(management_of a)/q/metrics" | awk -v s="$1" '$1 == s {print $2; found = 1} END {if (!found) print 0}'; }

replica_results() {
  local served down
  served=$(series "orderflow_replica_reads_total{instance=\"a\"}")
  down=$(series "orderflow_replica_fallbacks_total{instance=\"a\",reason=\"down\"}")
  note "replica: instance a read $served listings on it and $down on the primary while it was down"
  [ "${served%.*}" -gt 0 ] || violation "no listing was read on the replica" 1
  [ "${down%.*}" -gt 0 ] || missing "no listing was read while the replica was down (the outage fell between reads)"
}

# Stops the replica's cluster at once (no shutdown checkpoint) for 3 s and starts it again.
replica_outage() {
  local version; version=$(pg_lsclusters -h | awk '$2 == "orderflow_replica" {print $1; exit}')
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" orderflow_replica stop -m immediate
  sleep 3
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" orderflow_replica start < /dev/null > /dev/null 2>&1
  note "fault: the replica stopped (immediate) for 3 s and started again"
}

# SIGKILL b while checkouts are between reservation and payment, then, a third of the remaining
# checkouts later, SIGTERM c; each time, how long HAProxy took to mark it down and how many requests
# it had been sent by then (any later one is a violation, counted after the rush).
cluster_faults() {
  local stats pending; stats=$(cat "$sdir/stats.port") pending=$(pending_payments)
  local b_pid; b_pid=$(pid_of b)
  kill_server "$sdir/b.pid"
  wait "$b_pid" 2>/dev/null || true
  marked_down b "SIGKILLed with $pending payments pending" "$stats" $(( HAPROXY_CHECK_MS * 2 ))
  [ "${REPLICA:-0}" != 1 ] || replica_outage
  local answered target=$(( checkouts * fault_at / 100 + (checkouts - checkouts * fault_at / 100) / 3 ))
  while answered=$(wc -l < "$sdir/answers.tsv"); [ "$answered" -lt "$target" ]; do sleep 0.05; done
  local c_pid; c_pid=$(pid_of c)
  kill_server "$sdir/c.pid" TERM
  marked_down c "sent SIGTERM after $answered checkouts were answered" "$stats" "$(haproxy_drain_delay | tr -dc 0-9)"
  for _ in $(seq 1 150); do kill -0 "$c_pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$c_pid" 2>/dev/null && violation "c still running 30 s after SIGTERM" 1
  wait "$c_pid" 2>/dev/null || true
  rm -f "$sdir/c.pid"
}

# marked_down NAME WHAT STATS_PORT LIMIT_MS: waits for HAProxy to mark NAME down; notes how long it took,
# a violation past LIMIT_MS (a dead instance: two checks and one to spare; a stopping one: its
# shutdown delay, after which it stops accepting).
marked_down() {
  local name=$1 what=$2 started state limit=$4
  started=$(now_ms)
  until state=$(haproxy_server "$3" "$name"); [[ "$state" == DOWN* ]]; do
    [ $(( $(now_ms) - started )) -lt 15000 ] || break
    sleep 0.05
  done
  local took=$(( $(now_ms) - started ))
  echo "${state#* }" > "$sdir/$name.sent_when_down"
  note "fault: $name $what; HAProxy marked it down after $took ms (it had been sent ${state#* } requests)"
  [ "$took" -le "$limit" ] || violation "HAProxy took $took ms to mark $name down (limit $limit ms)" 1
}

# ---- the suite -----------------------------------------------------------------------------------------

preflight() {
  [ -f "$JAR" ] || die "no $JAR: build first (make build)"
  pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL does not answer on $DB_HOST:$DB_PORT"
  redis_answers || die "Redis does not answer on $REDIS_HOST:$REDIS_PORT"
  if [[ ",$SCENARIOS," == *pg-restart,* ]]; then
    local port
    port=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $3}')
    [ "$port" = "$DB_PORT" ] || die "cluster $PG_VERSION/$PG_CLUSTER listens on '${port:-nothing}', not $DB_PORT: set FAULTS_PG_VERSION / FAULTS_PG_CLUSTER"
  fi
  local s
  for s in ${SCENARIOS//,/ }; do
    [[ ",$ALL_SCENARIOS," == *,$s,* ]] || die "unknown scenario $s (known: $ALL_SCENARIOS)"
  done
  [[ ",$SCENARIOS," != *,cluster,* ]] || ensure_tools haproxy:haproxy
  log "PostgreSQL $PG_VERSION/$PG_CLUSTER on port $DB_PORT (database $FAULTS_DB), Redis on port $REDIS_PORT"
  log "$clients clients, $checkouts checkouts of 1-$max_qty units, $units units; fault after $fault_at %; scenarios $SCENARIOS"
}

run_scenario() {
  local name=$1
  sdir=$work/$name
  # A scenario's log lines also go to its folder, so a scenario that stops shows why in the report.
  LOG_ALSO=$sdir/log
  run="f$(date -u +%H%M%S)-$name"
  mkdir -p "$sdir"
  trap 'log "stopped: line $LINENO: $BASH_COMMAND"' ERR
  log "---- $name"
  "scenario_${name//-/_}"
  local violations=0
  [ ! -s "$sdir/violations" ] || violations=$(awk -F'|' '{n += $NF} END {print n}' "$sdir/violations")
  if [ "$violations" != 0 ]; then echo FAIL; elif [ -s "$sdir/missing" ]; then echo INCOMPLETE; else echo PASS; fi > "$sdir/verdict"
}

# One table row: scenario | requests | outcomes | violations | result.
row() {
  local name=$1 d=$work/$1 verdict violations
  verdict=$(cat "$d/verdict" 2>/dev/null || echo "ERROR (see $d)")
  violations=$( [ -s "$d/violations" ] && awk -F'|' '{printf "%s%s: %s", (NR > 1 ? "; " : ""), $1, $2}' "$d/violations" || echo 0)
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$(cat "$d/requests" 2>/dev/null || echo -)" \
    "$(paste -sd';' "$d/outcomes" 2>/dev/null | sed 's/;/; /g' || echo -)" "$violations" "$verdict"
}

render() {
  local name
  echo "# orderflow fault suite — $stamp"
  echo
  echo "- Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations scripts bench || echo ' (with uncommitted changes)') on branch $(git rev-parse --abbrev-ref HEAD); jar $JAR (production profile)"
  echo "- PostgreSQL $PG_VERSION/$PG_CLUSTER on port $DB_PORT, database $FAULTS_DB recreated per scenario; Redis on port $REDIS_PORT"
  echo "- Rush: $clients clients (one customer each), $checkouts checkouts of 1-$max_qty units for $units units, ~$think_ms ms between a client's checkouts; fault after $fault_at % were answered"
  echo "- Clients retry 5xx, 409 idempotency-in-flight and connection errors with the same key and body for up to $retry_secs s; recovery window $recovery_secs s; readiness within $ready_secs s"
  echo
  echo "| scenario | requests | outcomes | violations | result |"
  echo "| --- | --- | --- | --- | --- |"
  for name in ${SCENARIOS//,/ }; do row "$name"; done
  echo
  echo "Outcomes are the final answers of the checkouts (gave-up-N: still N when the client's time ran out),"
  echo "then the webhook deliveries and every staff attempt's status. INCOMPLETE: nothing failed, but a check"
  echo "could not run (a feature missing on this branch, or a fault that hit nothing it needed)."
  for name in ${SCENARIOS//,/ }; do
    echo
    echo "## $name"
    [ -f "$work/$name/notes" ] && sed 's/^/- /' "$work/$name/notes"
    [ -s "$work/$name/violations" ] && { echo "- violations:"; awk -F'|' '{printf "  - %s: %s\n", $1, $2}' "$work/$name/violations"; }
    [ -s "$work/$name/missing" ] && { echo "- not checked:"; sed 's/^/  - /' "$work/$name/missing"; }
    [ -f "$work/$name/verdict" ] || { echo "- the scenario stopped with an error:"; tail -n 3 "$work/$name/log" | sed 's/^/  - /'; }
  done
}

preflight
for name in ${SCENARIOS//,/ }; do
  set +e
  ( set -eE; run_scenario "$name" )
  set -e
  # Whatever a scenario left running (its servers) is stopped before the next one.
  stop_haproxy "$work/$name/haproxy"
  for pid_file in "$work/$name"/*.pid; do kill_server "$pid_file"; done
  if [ -s "$redis_cmd_file" ] && ! redis_answers; then restart_redis || die "Redis is down and could not be restarted"; fi
  log "$name: $(cat "$work/$name/verdict" 2>/dev/null || echo ERROR)"
done

mkdir -p bench/results
render > "$report"
sed -n '/^| scenario/,/^$/p' "$report"
log "report: $report"
suite_failed=0
for name in ${SCENARIOS//,/ }; do [ "$(cat "$work/$name/verdict" 2>/dev/null)" = PASS ] || suite_failed=1; done
[ "$suite_failed" = 0 ] || die "fault suite FAILED"
log "fault suite passed"
