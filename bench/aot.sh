#!/usr/bin/env bash
# `make build-aot`: JDK 25's AOT cache (JEP 483/515: loaded and linked classes, method profiles) for the
# jar in target/quarkus-app, written to target/quarkus-app/app.aot by a training run: the jar started on
# JDK 25 with -XX:AOTCacheOutput against BENCH_DB (migrated here), the public reads, a sign-in and the
# signed-in reads a client makes, then a graceful stop, when the JVM writes the cache.
# Run it with: cd target/quarkus-app && $JDK25_JAVA -XX:AOTCache=app.aot -jar quarkus-run.jar
# The cache only fits that JDK and this build; another JDK ignores it with a warning (AOTMode=auto).
#   JDK25_JAVA (default: the Temurin 25 install)  TRAINING_ROUNDS=300
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ -x "$JDK25_JAVA" ] || die "no JDK 25 at $JDK25_JAVA (set JDK25_JAVA)"
trap 'stop_server' EXIT
"$ROOT_DIR/scripts/services.sh" database "$BENCH_DB" >/dev/null
migrate_database "$BENCH_DB" "$JAR" 2>/dev/null
APP=$(dirname "$JAR")
rm -f "$APP/app.aot"

# The sign-ins come from 127.0.0.1 like every other local client: the per-address limit is lifted for the run.
BENCH_JAVA=$JDK25_JAVA BENCH_SERVER_OPTS="-XX:AOTCacheOutput=app.aot -Dorderflow.rate-limit.login-per-ip.permits=1000000" \
  start_server "$APP/aot-training.log"
log "training run up after $(wait_until_serving 180) ms"
login='{"email":"'"$ORDERFLOW_ADMIN_EMAIL"'","password":"'"$ORDERFLOW_ADMIN_PASSWORD"'"}'
for _ in $(seq 1 "${TRAINING_ROUNDS:-300}"); do
  curl -s -o /dev/null "$BASE_URL/api/v1/ping"
  curl -s -o /dev/null "$BASE_URL/api/v1/products?limit=20"
  curl -s -o /dev/null "$BASE_URL/api/v1/products?query=lamp&limit=20"
  curl -s -o /dev/null "$BASE_URL/api/v1/products/00000000-0000-0000-0000-000000000000"
done
for _ in $(seq 1 10); do
  token=$(curl -s -X POST "$BASE_URL/api/v1/auth/login" -H 'Content-Type: application/json' -d "$login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || die "the training run's sign-in failed (see $APP/aot-training.log)"
  curl -s -o /dev/null -H "Authorization: Bearer $token" "$BASE_URL/api/v1/me/addresses"
  curl -s -o /dev/null -H "Authorization: Bearer $token" "$BASE_URL/api/v1/orders"
done
stop_server
[ -s "$APP/app.aot" ] || die "no AOT cache written (see $APP/aot-training.log)"
log "AOT cache: $APP/app.aot ($(du -h "$APP/app.aot" | cut -f1)), for $("$JDK25_JAVA" -version 2>&1 | head -n 1)"
