#!/usr/bin/env bash
# The backup round trip, run by `make test` after the suite has migrated $ORDERFLOW_TEST_DB:
# a copy of its schema is seeded with sample data, backed up (encrypted), restored and
# checked; then each safeguard must trip: a changed dump, a row count that differs, a
# broken invariant, an existing target database, and retention.
set -euo pipefail
LOG_TAG=test-backups
source "$(dirname "$0")/lib.sh"
SCRIPTS="$(dirname "$0")"

source_db="${ORDERFLOW_TEST_DB:-orderflow_test}_backup"
work=$(mktemp -d)
export ORDERFLOW_BACKUP_DIR="$work/backups"
cleanup() { drop_database "$source_db"; rm -rf "$work"; }
trap cleanup EXIT

failed=0
pass() { log "PASS $*"; }
fail() { log "FAIL $*"; failed=1; }
# Runs a command that must fail with a message matching $1.
expect_failure() {
  local pattern=$1; shift
  local output
  if output=$("$@" 2>&1); then
    fail "expected failure ($pattern) but it passed: $*"
  elif grep -q -- "$pattern" <<< "$output"; then
    pass "refused: $pattern"
  else
    fail "failed for another reason than '$pattern':"; printf '%s\n' "$output" >&2
  fi
}
quiet() { "$@" > "$work/out.log" 2>&1 || { cat "$work/out.log" >&2; return 1; }; }

drop_database "$source_db"
ensure_database "$source_db"
pg_superuser pg_dump -d "${ORDERFLOW_TEST_DB:-orderflow_test}" --schema-only | psql_db "$source_db" > /dev/null
psql_db "$source_db" < "$ORDERFLOW_SQL_DIR/sample-data.sql"

# The round trip, encrypted.
export ORDERFLOW_BACKUP_PASSPHRASE="drill-$$-$RANDOM"
dump=$("$SCRIPTS/backup.sh" "$source_db" 2>/dev/null)
[[ $dump == *.dump.enc ]] && ! grep -aq 'drill@example.com' "$dump" && pass "backup is encrypted" || fail "backup is not encrypted: $dump"
quiet "$SCRIPTS/restore-check.sh" && pass "encrypted backup restores with matching counts and invariants" || fail "restore-check of a good backup"
[ "$(psql_admin <<< "SELECT count(*) FROM pg_database WHERE datname LIKE 'orderflow_restorecheck_%'")" = 0 ] \
  && pass "scratch database dropped" || fail "a scratch database was left behind"
ORDERFLOW_BACKUP_PASSPHRASE=wrong expect_failure "encrypted with this ORDERFLOW_BACKUP_PASSPHRASE" "$SCRIPTS/restore-check.sh" "$dump"

# Safeguards.
expect_failure "refusing to overwrite" "$SCRIPTS/restore.sh" "$dump" "$source_db"

cp "$dump" "$work/good.dump.enc"
printf 'x' | dd of="$dump" bs=1 seek=2000 conv=notrunc status=none
expect_failure "checksum mismatch" "$SCRIPTS/restore-check.sh"
cp "$work/good.dump.enc" "$dump"

unset ORDERFLOW_BACKUP_PASSPHRASE
psql_db "$source_db" <<< "UPDATE inventory SET quantity_on_hand = quantity_on_hand + 5 WHERE product_id = '00000000-0000-4000-8000-000000000011'"
"$SCRIPTS/backup.sh" "$source_db" > /dev/null 2>&1
expect_failure "BROKEN  inventory.on_hand equals ledger sum" "$SCRIPTS/restore-check.sh"

newest=$(ls -1 "$ORDERFLOW_BACKUP_DIR"/*.sha256 | sort | tail -n 1)
base=${newest%.sha256}
sed -i 's/^users|1$/users|2/' "$base.counts"
(cd "$ORDERFLOW_BACKUP_DIR" && sha256sum "$(basename "$base").dump" "$(basename "$base").counts" > "$(basename "$newest")")
expect_failure "row counts differ" "$SCRIPTS/restore-check.sh"

for _ in 1 2 3; do ORDERFLOW_BACKUP_KEEP=2 "$SCRIPTS/backup.sh" "$source_db" > /dev/null 2>&1; done
kept=$(ls -1 "$ORDERFLOW_BACKUP_DIR" | wc -l)
[ "$kept" = 6 ] && pass "retention keeps the newest 2 backups (3 files each)" || fail "retention left $kept files"

[ "$failed" = 0 ] || die "backup round trip FAILED"
log "backup round trip passed"
