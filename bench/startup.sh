#!/usr/bin/env bash
# Start-up of the packaged jar, per JVM configuration: starts it RUNS times and prints the median
# time from process start to the first GET /api/v1/ping = 200 (lib.sh's wait_until_serving, the
# figure `make bench` reports as STARTUP_MS), Quarkus' own "started in", and the RSS at that moment.
#
#   bench/startup.sh [CONFIG...]      a CONFIG is  name=java-binary[,jvm options...]  e.g.
#     bench/startup.sh jdk17=java 'jdk17-serial=java,-XX:+UseSerialGC'
#   With no CONFIG: the default JDK, and JDK 25 with the AOT cache when both are there (see startup_configs).
#   RUNS=5   BENCH_DB (migrated here)   BENCH_SKIP_BUILD=1 keeps the jar in target/ and its archives (a build drops them)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
trap 'stop_server' EXIT

median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

# startup_once NAME JAVA OPTS...: one start; prints "ms started_ms rss_kib".
startup_once() {
  local log="$RESULTS/$1-$2.log" java=$3; shift 3
  BENCH_JAVA=$java BENCH_SERVER_OPTS="$*" start_server "$log" 2>/dev/null
  local ms; ms=$(wait_until_serving 120) || { stop_server; return 1; }
  local rss; rss=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
  stop_server
  local started; started=$(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*' | head -n 1)
  echo "$ms ${started:-?} $((rss / 1024))"
}

# measure_config NAME=JAVA[,OPTS...]: RUNS starts; one line "name median_ms (runs) started_in rss".
measure_config() {
  split_config "$1"
  local name=$CONFIG_NAME java=$CONFIG_JAVA opts=$CONFIG_OPTS
  local lines=() i
  for i in $(seq 1 "$RUNS"); do
    lines+=("$(startup_once "$name" "$i" "$java" $opts)") || return 1
  done
  local all; all=$(printf '%s\n' "${lines[@]}")
  printf '%-28s first 200 after %5s ms (runs: %s)  quarkus "started in" %ss  RSS at start %s MiB\n' "$name" \
    "$(cut -d' ' -f1 <<<"$all" | median)" "$(cut -d' ' -f1 <<<"$all" | tr '\n' ' ' | sed 's/ $//')" \
    "$(cut -d' ' -f2 <<<"$all" | median)" "$(cut -d' ' -f3 <<<"$all" | median)"
}

[ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ] || build_jar
"$ROOT_DIR/scripts/services.sh" ensure
"$ROOT_DIR/scripts/services.sh" database "$BENCH_DB" >/dev/null
migrate_database "$BENCH_DB" "$JAR" 2>/dev/null
RESULTS=$(mktemp -d "${TMPDIR:-/tmp}/orderflow-startup.XXXXXX")
log "$RUNS starts per configuration; logs in $RESULTS; load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ $# -eq 0 ]; then
  mapfile -t configs < <(startup_configs)
  set -- "${configs[@]}"
fi
for config in "$@"; do measure_config "$config"; done
