#!/usr/bin/env bash
# `make bench`: builds the production jar, seeds a database, starts the server as a user
# would (prod profile, configuration from the environment), runs the scenarios of issue 6
# each next to the ceiling it is held against, stops what it started, and writes
# bench/results/<timestamp>.md and bench/results/latest.md (bench/report.sh renders them).
#
# Variables (defaults finish in under 10 minutes on 2 cores):
#   SIZE=small|tiny|default   data set (default here: small; the seed gate's size is SIZE=default)
#   BENCH_DURATION=10 BENCH_WARMUP=5   seconds per measured / warm-up wrk (and pgbench) run
#   BENCH_CONNECTIONS=64 CHECKOUT_CONNECTIONS=32 CHECKOUT_CUSTOMERS=1000
#   FLASH_UNITS=1000 FLASH_BUYERS=5000 FLASH_CONCURRENCY=64 OPEN_SECONDS=20
#   CHAT_ROOMS=200 CHAT_STREAMS=2000 CHAT_RATE=200 CHAT_SECONDS=20
#   BENCH_REUSE_DB=1   keep an already seeded BENCH_DB (skips recreate + seed)
#   BENCH_SKIP_BUILD=1 use the jar already in target/
set -euo pipefail
export SIZE=${SIZE:-small}
source "$(dirname "$0")/lib.sh"
export BENCH_DIR

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
CHECKOUT_CONNECTIONS=${CHECKOUT_CONNECTIONS:-32}
CHECKOUT_CUSTOMERS=${CHECKOUT_CUSTOMERS:-1000}
FLASH_UNITS=${FLASH_UNITS:-1000}
FLASH_BUYERS=${FLASH_BUYERS:-5000}
FLASH_CONCURRENCY=${FLASH_CONCURRENCY:-64}
OPEN_SECONDS=${OPEN_SECONDS:-20}
CHAT_ROOMS=${CHAT_ROOMS:-200}
CHAT_STREAMS=${CHAT_STREAMS:-2000}
CHAT_RATE=${CHAT_RATE:-200}
CHAT_SECONDS=${CHAT_SECONDS:-20}
# Every login of the run comes from 127.0.0.1: the per-address login limit would turn the
# harness's own logins away. Nothing else is relaxed.
BENCH_SERVER_OPTS=${BENCH_SERVER_OPTS:--Dorderflow.rate-limit.login-per-ip.permits=1000000 -Dorderflow.identity.password-checks.max-concurrent=64}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$BENCH_DIR/results/$STAMP"
mkdir -p "$RUN"
LOADGEN="$BENCH_DIR/loadgen/LoadGen.java"
trap 'stop_server' EXIT

# Every command that produces a figure goes through here, so the report can list it verbatim.
logged() {
  local shown="$*"
  [ "$1" = on_load_cpus ] && shown="${LOAD_PIN:-}${shown#on_load_cpus }"
  printf '%s\n' "$shown" | sed "s#$ROOT_DIR/##g" >>"$RUN/commands.txt"
  "$@"
}
note() { printf '%s=%s\n' "$1" "$2" >>"$RUN/meta.env"; }
skip() { printf '%s\n' "$2" >"$RUN/$1.skipped"; log "$1 skipped: $2"; }
result_of() { grep -o '^RESULT .*' | tail -n 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ---- tools, build, data -------------------------------------------------------------------
ensure_tools wrk:wrk pgbench:postgresql-client taskset:util-linux curl:curl
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then build_jar; fi
"$ROOT_DIR/scripts/services.sh" ensure

if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ "$(psql_value "SELECT to_regclass('bench.products') IS NOT NULL" 2>/dev/null || true)" = t ]; then
  log "reusing seeded database $BENCH_DB"
  note seed_seconds "reused"
else
  fresh_database "$RUN/migrate.log"
  seed_database
  note seed_seconds "$SEED_SECONDS"
fi
COUNTS=$(psql_value "SELECT (SELECT count(*) FROM products) || ' products, ' || (SELECT count(*) FROM users) || ' users, '
  || (SELECT count(*) FROM orders) || ' orders, ' || (SELECT count(*) FROM order_items) || ' order items, '
  || (SELECT count(*) FROM payments) || ' payments, ' || (SELECT count(*) FROM audit_logs) || ' audit rows'")
N_PRODUCTS=$(psql_value "SELECT count(*) FROM bench.products")
N_CUSTOMERS=$(psql_value "SELECT count(*) FROM bench.customers")

note size "$SIZE"; note counts "$COUNTS"; note pinning "$PINNING"; note stamp "$STAMP"
note nproc "$NPROC"; note memory "$(free -h | awk '/^Mem:/ {print $2}')"
note cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
note java "$(java -version 2>&1 | head -n 1)"
note postgres "$(psql_value 'SHOW server_version')"
note pg_settings "shared_buffers=$(psql_value 'SHOW shared_buffers'), synchronous_commit=$(psql_value 'SHOW synchronous_commit'), max_connections=$(psql_value 'SHOW max_connections')"
note redis "$(redis-cli -h 127.0.0.1 INFO server | awk -F: '/^redis_version/ {print $2}' | tr -d '\r')"
note wrk "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
note pgbench "$(pgbench --version)"
note commit "$(git -C "$ROOT_DIR" rev-parse --short HEAD)$(git -C "$ROOT_DIR" diff --quiet HEAD -- src migrations pom.xml || echo ' (with uncommitted changes)')"
note branch "$(git -C "$ROOT_DIR" rev-parse --abbrev-ref HEAD)"
note durations "wrk ${DURATION}s measured after ${WARMUP}s warm-up, ${CONNECTIONS} connections (checkout ${CHECKOUT_CONNECTIONS}), 1 wrk thread"
note server_opts "$BENCH_SERVER_OPTS"
note load_start "$(loadavg)"

# ---- seed gate ----------------------------------------------------------------------------
log "seed gate"
logged "$BENCH_DIR/gate.sh" 100 >"$RUN/gate.md"

# ---- inputs for the load generators ---------------------------------------------------------
psql_owner -At -c "SELECT setseed(0.5); " >/dev/null
psql_owner -At -c "SELECT '/api/v1/ping'" >"$RUN/ping.paths"
psql_owner -At -c "SELECT '/api/v1/products/' || product_id FROM bench.products ORDER BY random() LIMIT 10000" >"$RUN/product.paths"
psql_owner -At -c "SELECT product_id FROM bench.products ORDER BY random() LIMIT 10000" >"$RUN/product.ids"
psql_owner -At -c "SELECT '/api/v1/products?query=' || w || '&limit=20'
  FROM unnest(ARRAY['lamp','chair','kettle','backpack','jacket','steel','oak','leather','vintage','portable',
                    'steel%20kettle','oak%20desk','leather%20wallet','smart%20watch','camera']) w" >"$RUN/search.paths"
psql_owner -At -c "SELECT '/api/v1/products?limit=20' UNION ALL SELECT DISTINCT '/api/v1/products?limit=20&category=' || category FROM products" >"$RUN/listing.paths"
psql_owner -At -c "\copy (SELECT email, address_id, payment_method_id FROM bench.customers WHERE n > $N_CUSTOMERS - $CHECKOUT_CUSTOMERS ORDER BY n) TO '$RUN/checkout-customers.csv' CSV"
psql_owner -At -c "\copy (SELECT email, address_id, payment_method_id FROM bench.customers WHERE n <= $FLASH_BUYERS ORDER BY n) TO '$RUN/flash-customers.csv' CSV"
SAMPLE_PRODUCT=$(head -n 1 "$RUN/product.ids")

# ---- server -------------------------------------------------------------------------------
start_server "$RUN/server.log"
note server_cmd "$SERVER_PIN java $BENCH_SERVER_OPTS -Dorderflow.payment.sandbox.latency=0ms -jar quarkus-run.jar in target/quarkus-app (prod profile; ORDERFLOW_DB_NAME=$BENCH_DB PORT=$BENCH_PORT ORDERFLOW_MANAGEMENT_PORT=$BENCH_MANAGEMENT_PORT ORDERFLOW_PAYMENT_SANDBOX_LATENCY=0ms)"
STARTUP_MS=$(wait_until_serving 180)
note startup_ms "$STARTUP_MS"
note server_pid "$SERVER_PID"
log "first successful request ${STARTUP_MS} ms after process start"

status_of() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }

wrk_run() { # name paths-or-script args...
  local name=$1; shift
  # A 30 s timeout: wrk's default (2 s) would drop slow answers from the latency figures.
  on_load_cpus wrk -t1 -c "$CONNECTIONS" -d "${WARMUP}s" --timeout 30s --latency "$@" >/dev/null 2>&1 || true
  note "load_$name" "$(loadavg)"
  logged on_load_cpus wrk -t1 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 30s --latency "$@" >"$RUN/$name.out" 2>&1 || true
  result_of <"$RUN/$name.out" >"$RUN/$name.result" || true
}

# ---- 1. product read vs ping ----------------------------------------------------------------
log "scenario 1: ping ceiling and product read"
wrk_run ping -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/ping.paths"
code=$(status_of "$BASE_URL/api/v1/products/$SAMPLE_PRODUCT")
if [ "$code" = 200 ]; then
  wrk_run product -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/product.paths"
  # 1b. revalidation: If-None-Match with the current ETag of 1,000 of the same products (answers 304).
  head -n 1000 "$RUN/product.paths" | while read -r path; do
    etag=$(curl -s -D - -o /dev/null "$BASE_URL$path" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
    [ -n "$etag" ] && printf '%s\t%s\n' "$path" "$etag"
  done >"$RUN/revalidate.paths" || true
  wrk_run revalidate -s "$BENCH_DIR/lua/revalidate.lua" "$BASE_URL" -- "$RUN/revalidate.paths"
else
  skip product "endpoint not available (GET /api/v1/products/{id} answered $code; see server.log)"
fi

# ---- 2. search and listing ------------------------------------------------------------------
log "scenario 2: search and listing"
code=$(status_of "$BASE_URL/api/v1/products?query=lamp&limit=20")
if [ "$code" = 200 ]; then
  wrk_run search -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/search.paths"
else
  skip search "endpoint not available (GET /api/v1/products?query= answered $code; see server.log)"
fi
code=$(status_of "$BASE_URL/api/v1/products?limit=20")
if [ "$code" = 200 ]; then
  wrk_run listing -s "$BENCH_DIR/lua/get.lua" "$BASE_URL" -- "$RUN/listing.paths"
else
  skip listing "endpoint not available (GET /api/v1/products answered $code; see server.log)"
fi

# ---- 3. checkout vs pgbench -----------------------------------------------------------------
login() { # name customers.csv
  logged on_load_cpus java "$LOADGEN" login base="$BASE_URL" in="$2" out="$RUN/$1-tokens.csv" concurrency=32 \
    >"$RUN/$1-login.out" 2>&1 || true
  result_of <"$RUN/$1-login.out" >"$RUN/$1-login.result" || true
  [ -s "$RUN/$1-tokens.csv" ]
}

probe_checkout() { # tokens-file product -> http status
  local token address card
  IFS=, read -r token address card <"$1"
  status_of -X POST "$BASE_URL/api/v1/orders" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: probe-$STAMP-$RANDOM" \
    -d "{\"items\":[{\"productId\":\"$2\",\"quantity\":1}],\"shippingAddressId\":\"$address\",\"billingAddressId\":\"$address\",\"paymentMethodId\":\"$card\"}"
}

CHECKOUT_OK=0
log "scenario 3: checkout"
code=$(status_of -X POST "$BASE_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$(head -n 1 "$RUN/checkout-customers.csv" | cut -d, -f1)\",\"password\":\"bench-password\"}")
if [ "$code" != 200 ]; then
  skip checkout "endpoint not available (POST /api/v1/auth/login answered $code; see server.log)"
elif ! login checkout "$RUN/checkout-customers.csv"; then
  skip checkout "no customer could log in (see checkout-login.out)"
elif code=$(probe_checkout "$RUN/checkout-tokens.csv" "$SAMPLE_PRODUCT") && [ "$code" != 201 ]; then
  skip checkout "endpoint not available (POST /api/v1/orders answered $code; see server.log)"
else
  CHECKOUT_OK=1
  # Peak RSS under this scenario: reset the high-water mark first (Linux >= 4.0).
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null && note rss_reset yes || note rss_reset no
  CONNECTIONS_SAVED=$CONNECTIONS; CONNECTIONS=$CHECKOUT_CONNECTIONS
  wrk_run checkout -s "$BENCH_DIR/lua/checkout.lua" "$BASE_URL" -- "$RUN/checkout-tokens.csv" "$RUN/product.ids"
  CONNECTIONS=$CONNECTIONS_SAVED
  note peak_rss_kb "$(awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status")"
fi
log "scenario 3: pgbench of the same transactions"
note load_pgbench_checkout "$(loadavg)"
PGPASSWORD=$APP_PASSWORD logged on_load_cpus pgbench -n -h "$DB_HOST" -p "$DB_PORT" -U "$APP" -c "$CHECKOUT_CONNECTIONS" -j 1 \
  -T "$DURATION" -D customers="$N_CUSTOMERS" -D products="$N_PRODUCTS" -f "$BENCH_DIR/pgbench/checkout.sql" "$BENCH_DB" \
  >"$RUN/pgbench-checkout.out" 2>&1 || true
awk '/^tps = / {tps=$3} /^latency average/ {lat=$4} /^number of transactions actually processed/ {n=$6}
     /^number of failed transactions/ {f=$5} END {if (tps != "") printf "RESULT tps=%s latency_avg_ms=%s transactions=%s failed=%s\n", tps, lat, n, (f == "" ? 0 : f)}' \
  "$RUN/pgbench-checkout.out" >"$RUN/pgbench-checkout.result"

# sale_product SKU KIND PRICE UNITS: one product for a sale scenario with UNITS on hand and their PURCHASE
# ledger row, written as the owner; prints its id.
sale_product() {
  psql_owner -At -v sku="$1" -v kind="$2" -v price="$3" -v units="$4" <<'SQL' | tail -n 1
WITH p AS (
  INSERT INTO products (sku, slug, name, description, category, kind, price_cents, currency)
  VALUES (:'sku', lower(:'sku'), 'Sale ' || :'sku', 'One product, limited units.', 'sales', :'kind', :price, 'USD')
  RETURNING id),
i AS (INSERT INTO inventory (product_id, quantity_on_hand, reorder_point) SELECT id, :units, 1 FROM p),
l AS (INSERT INTO inventory_transactions (product_id, type, quantity_change, notes) SELECT id, 'purchase', :units, 'sale stock' FROM p)
SELECT id FROM p;
SQL
}

# sell_out NAME PRODUCT: the flash sale's buyers, one attempt each for 1 unit of PRODUCT (NAME.out, NAME.result),
# then what was sold and the invariants (NAME-verify.out, bench/sql/verify.sql).
sell_out() {
  note "load_$1" "$(loadavg)"
  logged on_load_cpus java "$LOADGEN" flash base="$BASE_URL" tokens="$RUN/flash-tokens.csv" product="$2" \
    buyers="$FLASH_BUYERS" concurrency="$FLASH_CONCURRENCY" >"$RUN/$1.out" 2>&1 || true
  result_of <"$RUN/$1.out" >"$RUN/$1.result" || true
  # Let any order still between its two transactions settle before checking.
  sleep 2
  PGPASSWORD=$OWNER_PASSWORD logged psql -X -q -h "$DB_HOST" -p "$DB_PORT" -U "$OWNER" -d "$BENCH_DB" -At \
    -v product="$2" -v units="$FLASH_UNITS" -f "$BENCH_DIR/sql/verify.sql" >"$RUN/$1-verify.out" 2>&1 || true
}

# ---- 4. flash sale --------------------------------------------------------------------------
log "scenario 4: flash sale"
FLASH_SKU="FLASH-$STAMP"
FLASH_PRODUCT=$(sale_product "$FLASH_SKU" physical 1999 "$FLASH_UNITS")
note flash_product "$FLASH_PRODUCT ($FLASH_SKU, $FLASH_UNITS units)"
FLASH_OK=0
if [ "$CHECKOUT_OK" != 1 ]; then
  skip flash "endpoint not available (checkout did not run)"
elif ! login flash "$RUN/flash-customers.csv"; then
  skip flash "buyers could not log in (see flash-login.out)"
else
  FLASH_OK=1
  sell_out flash "$FLASH_PRODUCT"
fi

# The hot row's physical ceiling: the same conditional UPDATE, one per transaction, on that row.
# Extra units (with their ledger row) keep the condition true; reserved is put back afterwards
# to what the active reservations hold, so the invariants stay true.
psql_owner -c "INSERT INTO inventory_transactions (product_id, type, quantity_change, notes)
  VALUES ('$FLASH_PRODUCT', 'adjustment', 10000000, 'bench: hot-row ceiling run');
  UPDATE inventory SET quantity_on_hand = quantity_on_hand + 10000000 WHERE product_id = '$FLASH_PRODUCT'"
note load_pgbench_hot "$(loadavg)"
PGPASSWORD=$APP_PASSWORD logged on_load_cpus pgbench -n -h "$DB_HOST" -p "$DB_PORT" -U "$APP" -c "$FLASH_CONCURRENCY" -j 1 \
  -T "$DURATION" -D product="$FLASH_PRODUCT" -f "$BENCH_DIR/pgbench/hot_row.sql" "$BENCH_DB" >"$RUN/pgbench-hot.out" 2>&1 || true
awk '/^tps = / {tps=$3} /^latency average/ {lat=$4} /^number of transactions actually processed/ {n=$6}
     END {if (tps != "") printf "RESULT tps=%s latency_avg_ms=%s transactions=%s\n", tps, lat, n}' \
  "$RUN/pgbench-hot.out" >"$RUN/pgbench-hot.result"
psql_owner -c "UPDATE inventory SET quantity_reserved = (SELECT coalesce(sum(quantity), 0) FROM reservations
  WHERE product_id = '$FLASH_PRODUCT' AND status = 'active') WHERE product_id = '$FLASH_PRODUCT'"

# ---- 4b. event on sale: seats are stock, sold by the same checkout ------------------------------------
log "scenario 4b: event on sale"
EVENT_SKU="EVENT-$STAMP"
EVENT_PRODUCT=$(sale_product "$EVENT_SKU" event 2500 "$FLASH_UNITS")
psql_owner -v product="$EVENT_PRODUCT" <<'SQL'
INSERT INTO event_details (product_id, starts_at, ends_at, time_zone, venue, seats_per_order)
VALUES (:'product', now() + interval '30 days', now() + interval '30 days 3 hours', 'UTC', 'Bench hall', 4);
SQL
note event_product "$EVENT_PRODUCT ($EVENT_SKU, $FLASH_UNITS seats)"
if [ "$FLASH_OK" != 1 ]; then
  skip event "the flash sale's buyers were not ready (see scenario 4)"
else
  sell_out event "$EVENT_PRODUCT"
fi

# ---- 5. open model at half the checkout capacity ------------------------------------------------
log "scenario 5: open-model latency"
CHECKOUT_RPS=$(grep -o 'statuses=[^ ]*' "$RUN/checkout.result" 2>/dev/null | grep -o '201:[0-9]*' | cut -d: -f2 || true)
if [ "$CHECKOUT_OK" = 1 ] && [ -n "$CHECKOUT_RPS" ]; then
  seconds=$(grep -o 'seconds=[^ ]*' "$RUN/checkout.result" | cut -d= -f2)
  OPEN_RATE=$(awk -v n="$CHECKOUT_RPS" -v s="$seconds" 'BEGIN {printf "%.1f", n / s / 2}')
  note open_rate "$OPEN_RATE"
  note load_open "$(loadavg)"
  logged on_load_cpus java "$LOADGEN" open base="$BASE_URL" tokens="$RUN/checkout-tokens.csv" products="$RUN/product.ids" \
    rate="$OPEN_RATE" seconds="$OPEN_SECONDS" >"$RUN/open.out" 2>&1 || true
  result_of <"$RUN/open.out" >"$RUN/open.result" || true
else
  skip open "endpoint not available (checkout did not run)"
fi

# ---- 7. chat: open streams and live delivery ----------------------------------------------------
# Support rooms on the orders scenario 3 placed, CHAT_STREAMS open SSE streams over CHAT_ROOMS rooms (the
# customer's own and the admin's), CHAT_RATE messages a second posted by the rooms' customers; delivery latency
# from each post's intended send time to its receipt on every stream of its room, lost and duplicated deliveries,
# the server's RSS and threads before the streams, with them open, and after the messages.
log "scenario 7: chat"
ADMIN_TOKEN=$(curl -s -X POST "$BASE_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ORDERFLOW_ADMIN_EMAIL\",\"password\":\"$ORDERFLOW_ADMIN_PASSWORD\"}" | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4 || true)
if [ "$CHECKOUT_OK" = 1 ] && [ -n "$ADMIN_TOKEN" ]; then
  note load_chat "$(loadavg)"
  logged on_load_cpus java "$LOADGEN" chat base="$BASE_URL" tokens="$RUN/checkout-tokens.csv" admin="$ADMIN_TOKEN" pid="$SERVER_PID" \
    rooms="$CHAT_ROOMS" streams="$CHAT_STREAMS" rate="$CHAT_RATE" seconds="$CHAT_SECONDS" >"$RUN/chat.out" 2>&1 || true
  result_of <"$RUN/chat.out" >"$RUN/chat.result" || true
else
  skip chat "no customers with orders (scenario 3 did not run) or no admin sign-in (ORDERFLOW_ADMIN_EMAIL/PASSWORD)"
fi

note load_end "$(loadavg)"
stop_server
note blocked_warnings "$(grep -c 'has been blocked for' "$RUN/server.log" || true)"
note server_warnings "$(grep -cE ' (WARN|ERROR) ' "$RUN/server.log" || true)"

# ---- 6. start-up per JDK (issue 12) -----------------------------------------------------------
# Each configuration of startup_configs (default JDK, JDK 25 when installed, with their archives) started
# afresh: first successful request, then 10 s of checkouts at 25% of the measured capacity right away
# (the warm-up an instance added during a rush sees), and the peak RSS over both.
log "scenario 6: start-up and warm-up per JDK"
while IFS= read -r config; do
  split_config "$config"
  BENCH_JAVA=$CONFIG_JAVA BENCH_SERVER_OPTS="$BENCH_SERVER_OPTS $CONFIG_OPTS" start_server "$RUN/start-$CONFIG_NAME.log"
  ms=$(wait_until_serving 180) || { stop_server; continue; }
  warm=
  if [ -n "${OPEN_RATE:-}" ]; then
    on_load_cpus java "$LOADGEN" open base="$BASE_URL" tokens="$RUN/checkout-tokens.csv" products="$RUN/product.ids" \
      rate="$(awk -v r="$OPEN_RATE" 'BEGIN {printf "%.1f", r / 2}')" seconds=10 >"$RUN/warmup-$CONFIG_NAME.out" 2>&1 || true
    warm=$(result_of <"$RUN/warmup-$CONFIG_NAME.out" | grep -o 'p50_ms=[^ ]* p95_ms=[^ ]* p99_ms=[^ ]*' || true)
  fi
  note "jdk_$CONFIG_NAME" "$ms ms; $(awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$SERVER_PID/status"); ${warm:-no warm-up run}; $("$CONFIG_JAVA" -version 2>&1 | head -n 1) $CONFIG_OPTS"
  stop_server
done < <(startup_configs)

"$BENCH_DIR/report.sh" "$RUN" >"$BENCH_DIR/results/$STAMP.md"
cp "$BENCH_DIR/results/$STAMP.md" "$BENCH_DIR/results/latest.md"
log "report: bench/results/$STAMP.md (also bench/results/latest.md)"
