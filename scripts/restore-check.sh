#!/usr/bin/env bash
# The restore drill: restores a backup (default: the newest) into a scratch database,
# checks its checksums, compares every table's row count with the counts recorded at dump
# time, runs the invariant queries of docs/architecture.md, reports the time taken and drops the scratch
# database. Exits non-zero on any mismatch.
#
#   scripts/restore-check.sh [BACKUP]
#
#   ORDERFLOW_BACKUP_DIR         where to look for the newest backup (default backups/)
#   ORDERFLOW_BACKUP_PASSPHRASE  needed for an encrypted backup
set -euo pipefail
source "$(dirname "$0")/lib.sh"

dir=${ORDERFLOW_BACKUP_DIR:-backups}
if [ $# -ge 1 ] && [ -n "$1" ]; then
  backup=$1
else
  newest=$(ls -1 "$dir"/*.sha256 2>/dev/null | sort | tail -n 1) || true
  [ -n "$newest" ] || die "no backups in $dir"
  backup=$(ls -1 "${newest%.sha256}".dump* | head -n 1)
fi
base=${backup%.enc}
base=${base%.dump}

started=$(now_ms)
scratch="orderflow_restorecheck_$$"
trap 'drop_database "$scratch"' EXIT

FORCE=0 "$(dirname "$0")/restore.sh" "$backup" "$scratch"

failures=0
if counts_diff=$(diff <(psql_db "$scratch" < "$ORDERFLOW_SQL_DIR/row-counts.sql") "$base.counts"); then
  log "row counts match for $(wc -l < "$base.counts") tables"
else
  log "row counts differ (< restored, > at dump time):"
  printf '%s\n' "$counts_diff" >&2
  failures=$((failures + 1))
fi

invariants=$(psql_db "$scratch" < "$ORDERFLOW_SQL_DIR/invariants.sql")
while IFS='|' read -r invariant violations; do
  if [ "$violations" = 0 ]; then
    log "ok      $invariant"
  else
    log "BROKEN  $invariant: $violations rows"
    failures=$((failures + 1))
  fi
done <<< "$invariants"

elapsed=$(( $(now_ms) - started ))
if [ "$failures" -gt 0 ]; then
  die "restore check of $(basename "$backup") FAILED ($failures problems) in $elapsed ms"
fi
log "restore check of $(basename "$backup") passed in $elapsed ms"
