#!/usr/bin/env bash
# `make loadtest-users N=5000`: signed-in customers for the load tests. Registration and login
# are rate-limited per address, so the admin (ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD)
# asks POST /api/v1/admin/load-test-customers for them in batches; each customer comes with a
# shipping address, the sandbox card tok_visa and a session. Writes CUSTOMERS_CSV (default
# bench/results/gatling/customers.csv, git-ignored: it holds live tokens), replacing it.
#
#   BASE_URL=http://localhost:8080  N=1000  BATCH=500 (at most 1000)  CUSTOMERS_CSV=...
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
BASE_URL=${BASE_URL:-http://localhost:8080}
BASE_URL=${BASE_URL%/}
N=${N:-1000}
BATCH=${BATCH:-500}
CSV=${CUSTOMERS_CSV:-$ROOT_DIR/bench/results/gatling/customers.csv}
ADMIN_EMAIL=${ORDERFLOW_ADMIN_EMAIL:-admin@orderflow.local}
ADMIN_PASSWORD=${ORDERFLOW_ADMIN_PASSWORD:-orderflow-admin}

log() { printf '[loadtest-users] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

for tool in curl jq; do command -v "$tool" >/dev/null || die "$tool is needed (apt-get install $tool)"; done
[[ $N =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || die "N must be a positive whole number (is '$N')"
[[ $BATCH =~ ^[0-9]+$ ]] && [ "$BATCH" -ge 1 ] && [ "$BATCH" -le 1000 ] || die "BATCH must be 1..1000 (is '$BATCH')"

# POSTs JSON; prints the body, fails on a status other than the expected one. A 429 (nothing was
# done) is sent again after its Retry-After, for at most two minutes: other clients on this
# address count against the same per-address limits.
post() { # path expected-status body [bearer]
  local out headers status pause waited=0
  out=$(mktemp); headers=$(mktemp)
  while true; do
    status=$(curl -sS -o "$out" -D "$headers" -w '%{http_code}' -X POST "$BASE_URL$1" -H 'Content-Type: application/json' \
      ${4:+-H "Authorization: Bearer $4"} --data-binary "$3") || { rm -f "$out" "$headers"; die "POST $1: no answer from $BASE_URL"; }
    [ "$status" = 429 ] || break
    pause=$(awk 'tolower($1) == "retry-after:" {print $2 + 0}' "$headers" | tr -d '\r'); pause=${pause:-1}
    [ $((waited + pause)) -le 120 ] || break
    log "POST $1 rate-limited; retrying in $pause s"; sleep "$pause"; waited=$((waited + pause))
  done
  if [ "$status" != "$2" ]; then
    log "POST $1 answered $status: $(head -c 500 "$out")"; rm -f "$out" "$headers"; return 1
  fi
  cat "$out"; rm -f "$out" "$headers"
}

admin_login() {
  post /api/v1/auth/login 200 "$(jq -n --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}')" \
    | jq -r .accessToken
}

TOKEN=$(admin_login) || die "the admin $ADMIN_EMAIL cannot sign in at $BASE_URL (set ORDERFLOW_ADMIN_EMAIL / ORDERFLOW_ADMIN_PASSWORD)"
SIGNED_IN=$(date +%s)

mkdir -p "$(dirname "$CSV")"
TMP="$CSV.next"
echo 'id,email,accessToken,refreshToken,expiresAt,addressId,paymentMethodId' >"$TMP"
RUN=lt-$(date -u +%Y%m%dt%H%M%S)
made=0
batch=0
started=$(date +%s)
while [ "$made" -lt "$N" ]; do
  batch=$((batch + 1))
  count=$(( N - made < BATCH ? N - made : BATCH ))
  # The admin's access token lives 15 minutes: sign in again after 10.
  if [ $(( $(date +%s) - SIGNED_IN )) -gt 600 ]; then TOKEN=$(admin_login) || die "admin login failed"; SIGNED_IN=$(date +%s); fi
  body=$(jq -n --argjson c "$count" --arg p "$RUN-$(printf '%03d' "$batch")" '{count: $c, emailPrefix: $p}')
  answer=$(post /api/v1/admin/load-test-customers 201 "$body" "$TOKEN") || die "batch $batch failed; $made customers written to $TMP"
  now=$(date +%s)
  jq -r --argjson now "$now" '.customers[] | [.id, .email, .accessToken, .refreshToken, ($now + .expiresIn), .addressId, .paymentMethodId] | join(",")' \
    <<<"$answer" >>"$TMP"
  made=$((made + count))
  log "batch $batch: $count customers ($made of $N)"
done
mv "$TMP" "$CSV"
log "$N customers in $(( $(date +%s) - started )) s, emails $RUN-*@loadtest.invalid; tokens in ${CSV#"$ROOT_DIR"/}"
log "access tokens last 15 minutes; the simulations refresh them (and rewrite the file) as they go"
