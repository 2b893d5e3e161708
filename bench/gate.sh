#!/usr/bin/env bash
# The seed gate: EXPLAIN (ANALYZE, BUFFERS) of the ten most frequent queries on the seeded
# database; prints a markdown section (table + full plans). Fails nothing: PASS/FAIL is reported.
# Usage: bench/gate.sh [limit_ms]   (database: BENCH_DB)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

LIMIT_MS=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# First pass warms the caches; the second is the one reported.
psql_owner -v plans="$work/cold.txt" -f "$BENCH_DIR/sql/gate.sql" >/dev/null
psql_owner -v plans="$work/warm.txt" -f "$BENCH_DIR/sql/gate.sql" >/dev/null

summarise() {
  awk -v limit="$LIMIT_MS" '
    function flush() {
      if (name == "") return
      verdict = (exec_ms + 0 < limit) ? "PASS" : "FAIL"
      if (indexes == "") indexes = "none"
      printf "| %s | %s | %.3f | %s | %s; %s | %s |\n", num, name, exec_ms, cold[num], top, indexes, verdict
    }
    FNR == NR { if ($0 ~ /^### /) { split(substr($0, 5), h, "|"); n = h[1] }
                if ($0 ~ /Execution Time:/) { cold[n] = sprintf("%.3f", $3) } next }
    /^### / { flush(); split(substr($0, 5), h, "|"); num = h[1]; name = h[2]; top = ""; indexes = ""; exec_ms = ""; next }
    /QUERY PLAN|^-+$|^\(/ { next }
    # The plan shape: the top node, looking through Limit.
    (top == "" || top == "Limit") && NF > 0 && $0 !~ /^ *(Buffers|Planning|Execution|Index Cond|Filter|Sort Key)/ {
      t = $0; sub(/^ *(-> *)?/, "", t); sub(/  \(cost=.*/, "", t); top = (top == "Limit" ? "Limit > " t : t) }
    {
      line = $0
      while (match(line, /(Index Only Scan|Index Scan|Bitmap Index Scan)( Backward)? (using|on) [a-z0-9_]+/)) {
        part = substr(line, RSTART, RLENGTH); m = split(part, w, " "); ix = w[m]
        # One name for the same index on every monthly partition.
        gsub(/audit_logs_([0-9]{4}_[0-9]{2}|default)_/, "audit_logs_<partition>_", ix)
        if (index(" " indexes ",", " " ix ",") == 0) indexes = (indexes == "" ? ix : indexes ", " ix)
        line = substr(line, RSTART + RLENGTH)
      }
      if (match($0, /Seq Scan on [a-z0-9_]+/)) {
        s = "SEQ SCAN " substr($0, RSTART + 12, RLENGTH - 12)
        if (s ~ /audit_logs_/ && $0 ~ /rows=0 loops/) s = "seq scan of empty partitions"
        if (index(indexes, s) == 0) indexes = (indexes == "" ? s : indexes ", " s)
      }
    }
    /Execution Time:/ { exec_ms = $3 }
    END { flush() }
  ' "$work/cold.txt" "$work/warm.txt"
}

echo "Each query ran twice on the seeded database with its parameters taken from real rows; \"ms\" is the second (warm) run's"
echo "EXPLAIN (ANALYZE, BUFFERS) execution time, \"first ms\" the first run's. Gate: under $LIMIT_MS ms."
echo
echo "| # | query | ms | first ms | plan: top node; indexes used | gate |"
echo "| --- | --- | --- | --- | --- | --- |"
summarise
echo
echo "<details><summary>Plans (second run)</summary>"
echo
echo '```'
grep -v '^$' "$work/warm.txt"
echo '```'
echo "</details>"
