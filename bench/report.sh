#!/usr/bin/env bash
# Renders one bench run's directory (bench/results/<timestamp>/: meta.env, *.result, *.skipped,
# gate.md, flash-verify.out, event-verify.out, commands.txt) as the markdown report. Usage: bench/report.sh RUN_DIR
set -euo pipefail
RUN=$1

meta() { grep -m1 "^$1=" "$RUN/meta.env" 2>/dev/null | cut -d= -f2- || true; }
# field FILE KEY: a key=value field of a RESULT line.
field() { [ -f "$1" ] && grep -o "\b$2=[^ ]*" "$1" | head -n 1 | cut -d= -f2- | sed -E 's/^([0-9]+\.[0-9])[0-9]{2,}$/\1/' || true; }
status_count() { field "$1" statuses | tr ',' '\n' | awk -F: -v s="$2" '$1 == s {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (n == "" || s == "" || s + 0 == 0) print "n/a"; else printf "%.1f", n / s }'; }
skipped() { [ -f "$RUN/$1.skipped" ] && echo "skipped: $(cat "$RUN/$1.skipped")"; }
ran() { [ -s "$RUN/$1.result" ]; }

# What verify.sql found after a sale ($1): the product's lines, then one row per invariant, and the verdict.
verification() {
  [ -s "$1" ] || return 0
  echo; echo "Verification after the sale (SQL: bench/sql/verify.sql, invariants from scripts/sql/invariants.sql):"; echo
  sold=$(grep -o '^sold=[0-9]*' "$1" | cut -d= -f2)
  units=$(grep -o '^units=[0-9]*' "$1" | cut -d= -f2)
  oversold=$(grep -o '^oversold=[0-9]*' "$1" | cut -d= -f2)
  verdict=PASS
  [ "$sold" = "$units" ] || verdict="FAIL (sold $sold of $units)"
  [ "$oversold" = 0 ] || verdict=FAIL
  echo '```'; grep -v '|' "$1" || true; echo '```'
  # The invariant lines are "invariant|violations"; none at all means the check itself failed.
  invariants=$(grep -E '^[^|]+\|[0-9]+$' "$1" || true)
  [ -n "$invariants" ] || verdict="FAIL (no invariant was checked)"
  echo; echo "| invariant | violations | result |"; echo "| --- | --- | --- |"
  while IFS='|' read -r invariant violations; do
    [ -n "$invariant" ] || continue
    if [ "$violations" = 0 ]; then result=PASS; else result=FAIL; verdict=FAIL; fi
    echo "| $invariant | $violations | $result |"
  done <<< "$invariants"
  echo; echo "**Exactly $units sold, 0 oversold, invariants hold: $verdict**"
}

wrk_row() { # label name
  local f="$RUN/$2.result"
  if ran "$2"; then
    echo "| $1 | $(field "$f" rps) | $(field "$f" p50_ms) | $(field "$f" p99_ms) | $(field "$f" max_ms) | $(field "$f" non_2xx_3xx) | $(meta "load_$2") |"
  else
    echo "| $1 | ${skipped_text:-$(skipped "$2" || echo 'did not run')} | | | | | |"
  fi
}

# wrk_table TITLE: a section whose table the wrk_row lines after it fill.
wrk_table() {
  printf '\n## %s\n| endpoint | req/s | p50 ms | p99 ms | max ms | non-2xx | load avg |\n| --- | --- | --- | --- | --- | --- | --- |\n' "$1"
}
# against_ping NAME LABEL: the run's req/s over the ping ceiling's, when it ran.
against_ping() { if ran "$1"; then echo; echo "**$2 / ping = $(ratio "$(field "$RUN/$1.result" rps)" "$PING_RPS")**"; fi; }

PING="$RUN/ping.result"
PING_RPS=$(field "$PING" rps)

cat <<EOF
# orderflow benchmark — $(meta stamp)

Every figure is measured in this run, on this machine, next to the ceiling it is held against;
compare ratios across runs, not absolute numbers (the machine is shared and its load drifts:
the 1-minute load average is listed next to each measurement).

## Machine and versions
- CPU: $(meta cpu), $(meta nproc) cores; memory $(meta memory)
- Pinning: $(meta pinning)
- Java: $(meta java)
- PostgreSQL: $(meta postgres) ($(meta pg_settings)); Redis $(meta redis)
- Load generators: $(meta wrk); $(meta pgbench); bench/loadgen/LoadGen.java (JDK HttpClient)
- Commit: $(meta commit) on branch $(meta branch)
- Data set: SIZE=$(meta size): $(meta counts) (seed took $(meta seed_seconds) s)
- Server: \`$(meta server_cmd)\`
- Runs: $(meta durations)
- Load average (1, 5, 15 min): at start $(meta load_start), at end $(meta load_end)

## Seed gate: the ten most frequent queries (EXPLAIN ANALYZE, BUFFERS)
EOF
cat "$RUN/gate.md" 2>/dev/null || echo "gate did not run"

wrk_table "1. Product read against the ping ceiling"
wrk_row "GET /api/v1/ping (ceiling)" ping
wrk_row "GET /api/v1/products/{id} (10,000 random ids)" product
wrk_row "GET /api/v1/products/{id} with If-None-Match, current ETag (1,000 ids; answers 304)" revalidate
against_ping product "Product read"
against_ping revalidate "Revalidation (304)"

wrk_table "2. Product search and listing"
wrk_row "GET /api/v1/products?query= (15 terms)" search
wrk_row "GET /api/v1/products?limit=20[&category=] (listing)" listing
against_ping search Search
against_ping listing Listing

CO="$RUN/checkout.result"; PG="$RUN/pgbench-checkout.result"
CO_201=$(status_count "$CO" 201); CO_SECONDS=$(field "$CO" seconds)
CHECKOUTS=$(per_s "$CO_201" "$CO_SECONDS")
cat <<EOF

## 3. Checkout on distributed SKUs against pgbench of the same transactions
Signed-in customers ($(field "$RUN/checkout-login.result" ok) logged in), one unit of a random product
(10,000 ids) per order, a unique Idempotency-Key each, sandbox gateway latency 0. pgbench runs
bench/pgbench/checkout.sql (the statements of transactions 1 and 2 with the same parameter shape)
as the application role, same clients and duration.

| measure | value |
| --- | --- |
EOF
if ran checkout; then
  echo "| checkouts/s (201 Created) | $CHECKOUTS |"
  echo "| HTTP answers | $(field "$CO" statuses) (non-2xx: $(field "$CO" non_2xx_3xx), socket errors: connect $(field "$CO" errors_connect), read $(field "$CO" errors_read), timeout $(field "$CO" errors_timeout)) |"
  echo "| latency p50 / p99 / max ms | $(field "$CO" p50_ms) / $(field "$CO" p99_ms) / $(field "$CO" max_ms) |"
  echo "| load avg | $(meta load_checkout) |"
else
  echo "| checkouts/s | $(skipped checkout || echo 'did not run') |"
fi
if ran pgbench-checkout; then
  echo "| pgbench transactions/s (each = the reserve and settle transactions) | $(field "$PG" tps) (latency avg $(field "$PG" latency_avg_ms) ms, failed $(field "$PG" failed); load avg $(meta load_pgbench_checkout)) |"
else
  echo "| pgbench transactions/s | did not run (see pgbench-checkout.out) |"
fi
if ran checkout && ran pgbench-checkout; then
  echo; echo "**Checkouts/s / pgbench tps = $(ratio "$CHECKOUTS" "$(field "$PG" tps)")**"
fi

FL="$RUN/flash.result"
cat <<EOF

## 4. Flash sale: one SKU, $(meta flash_product)
| measure | value |
| --- | --- |
EOF
if ran flash; then
  echo "| buyers (one attempt each, $(field "$RUN/flash-login.result" ok) logged in) | $(field "$FL" buyers) |"
  echo "| confirmed (201) / sold out (409) | $(field "$FL" confirmed) / $(field "$FL" sold_out) (all answers: $(field "$FL" statuses)) |"
  echo "| confirmed/s (until the last unit sold) | $(field "$FL" confirmed_per_s) |"
  echo "| sold-out answers/s (whole run) | $(field "$FL" sold_out_per_s) |"
  echo "| sold-out answers/s after the last unit sold (what a refusal costs alone) | $(field "$FL" sold_out_after_per_s) ($(field "$FL" sold_out_after_sell_out) answers) |"
  echo "| time to sell out | $(field "$FL" sell_out_s) s (whole run $(field "$FL" seconds) s) |"
  echo "| latency p50 / p99 / max ms | $(field "$FL" p50_ms) / $(field "$FL" p99_ms) / $(field "$FL" max_ms) |"
  echo "| load avg | $(meta load_flash) |"
else
  echo "| flash sale | $(skipped flash || echo 'did not run') |"
fi
if ran pgbench-hot; then
  echo "| ceiling: pgbench single-row conditional UPDATE on that row | $(field "$RUN/pgbench-hot.result" tps) tx/s (latency avg $(field "$RUN/pgbench-hot.result" latency_avg_ms) ms; load avg $(meta load_pgbench_hot)) |"
  if ran flash; then
    echo; echo "**Confirmed/s / hot-row UPDATE ceiling = $(ratio "$(field "$FL" confirmed_per_s)" "$(field "$RUN/pgbench-hot.result" tps)")**"
    if ran ping; then
      echo; echo "Sold-out answers/s after the sale / ping ceiling = $(ratio "$(field "$FL" sold_out_after_per_s)" "$(field "$RUN/ping.result" rps)");"\
        "/ confirmed/s = $(ratio "$(field "$FL" sold_out_after_per_s)" "$(field "$FL" confirmed_per_s)")"
    fi
  fi
fi
verification "$RUN/flash-verify.out"

EV="$RUN/event.result"
cat <<EOF

## 4b. Event on sale: $(meta event_product)
Seats are the event product's stock, sold by the same checkout (reservation, payment, and the booking written
in the confirming transaction); the same buyers as the flash sale, one attempt each for one seat.

| measure | value |
| --- | --- |
EOF
if ran event; then
  echo "| booked (201) / sold out (409) | $(field "$EV" confirmed) / $(field "$EV" sold_out) (all answers: $(field "$EV" statuses)) |"
  echo "| seats/s (until the last seat sold) | $(field "$EV" confirmed_per_s) |"
  echo "| time to sell out | $(field "$EV" sell_out_s) s (whole run $(field "$EV" seconds) s) |"
  echo "| latency p50 / p99 / max ms | $(field "$EV" p50_ms) / $(field "$EV" p99_ms) / $(field "$EV" max_ms) |"
  echo "| load avg | $(meta load_event) |"
  if ran pgbench-hot; then
    echo; echo "**Seats/s / hot-row UPDATE ceiling = $(ratio "$(field "$EV" confirmed_per_s)" "$(field "$RUN/pgbench-hot.result" tps)")**;"\
      "flash-sale confirmed/s in the same run: $(field "$FL" confirmed_per_s)"
  fi
else
  echo "| event on sale | $(skipped event || echo 'did not run') |"
fi
verification "$RUN/event-verify.out"

OP="$RUN/open.result"
cat <<EOF

## 5. Checkout latency at a constant arrival rate (open model)
EOF
if ran open; then
  cat <<EOF
Rate: $(field "$OP" rate)/s = 50% of the measured checkout capacity ($CHECKOUTS/s), for $(field "$OP" sent) requests.
Latency is measured from each request's intended send time (no coordinated omission); the
generator's worst lateness in sending was $(field "$OP" max_send_lag_ms) ms. Load avg $(meta load_open).

| p50 ms | p95 ms | p99 ms | max ms | answers |
| --- | --- | --- | --- | --- |
| $(field "$OP" p50_ms) | $(field "$OP" p95_ms) | $(field "$OP" p99_ms) | $(field "$OP" max_ms) | $(field "$OP" statuses) |
EOF
else
  echo "$(skipped open || echo 'did not run')"
fi

RSS=$(meta peak_rss_kb)
cat <<EOF

## 6. Footprint
| measure | value |
| --- | --- |
| process start to first successful request (GET /api/v1/ping = 200) | $(meta startup_ms) ms |
| peak RSS (VmHWM) under scenario 3 | $( [ -n "$RSS" ] && awk -v k="$RSS" 'BEGIN {printf "%.0f MiB", k / 1024}' || echo "$(skipped checkout || echo 'not measured')") $( [ "$(meta rss_reset)" = no ] && echo '(high-water mark since process start: reset not supported)') |

Start-up per JDK (scenario 6: the server started again per configuration; first successful request, peak RSS
over the start and 10 s of checkouts at 25% of capacity started at once, their latency):

| configuration | first 200; peak RSS; warm-up checkouts; JDK and options |
| --- | --- |
$(grep '^jdk_' "$RUN/meta.env" 2>/dev/null | sed 's/^jdk_\([^=]*\)=\(.*\)/| \1 | \2 |/' || echo '| (not run) | |')
EOF

CH="$RUN/chat.result"
cat <<EOF

## 7. Chat: live delivery over server-sent events
EOF
if ran chat; then
  cat <<EOF
$(field "$CH" streams) streams open on $(field "$CH" rooms) support rooms, $(field "$CH" posted) messages posted at a constant
rate (answers: $(field "$CH" statuses)); each delivery timed from its post's intended send time to its receipt on a stream
of its room. Load avg $(meta load_chat). Goal: p99 ≤ 50 ms, RSS growth ≤ 50 MiB for the streams, 0 lost, 0 duplicated.

| deliveries / expected | lost | duplicated | p50 ms | p95 ms | p99 ms | max ms | server before streams | with streams | after messages |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| $(field "$CH" deliveries) / $(field "$CH" expected) | $(field "$CH" lost) | $(field "$CH" duplicates) | $(field "$CH" p50_ms) | $(field "$CH" p95_ms) | $(field "$CH" p99_ms) | $(field "$CH" max_ms) | $(field "$CH" server_before) | $(field "$CH" server_streams) | $(field "$CH" server_after) |
EOF
else
  echo "$(skipped chat || echo 'did not run')"
fi

cat <<EOF

## Server log
- Vert.x blocked-thread warnings: **$(meta blocked_warnings)**
- WARN/ERROR lines: $(meta server_warnings) (log: bench/results/$(basename "$RUN")/server.log)

## Commands
The whole run: \`make bench SIZE=$(meta size)\` (see bench/bench.sh for every variable). Each figure came from
one of these, run from the repository root after the server command above; pgbench and psql read
their password from PGPASSWORD (ORDERFLOW_DB_PASSWORD for the application role, ORDERFLOW_DB_OWNER_PASSWORD for the owner).
\`\`\`
EOF
cat "$RUN/commands.txt" 2>/dev/null
echo '```'
