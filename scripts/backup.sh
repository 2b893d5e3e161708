#!/usr/bin/env bash
# Backs up one database: a pg_dump in custom format named by UTC timestamp, the exact row
# count of every table taken in the same snapshot, and a SHA-256 file over both; encrypted
# with AES-256 when a passphrase is set. Keeps the newest N backups of that database.
#
#   scripts/backup.sh [DATABASE]          default $ORDERFLOW_DB_NAME; prints the dump's path
#
#   ORDERFLOW_BACKUP_DIR         where backups go (default backups/, git-ignored)
#   ORDERFLOW_BACKUP_KEEP        how many backups of the database to keep (default 14)
#   ORDERFLOW_BACKUP_PASSPHRASE  when set, the dump is encrypted (openssl, AES-256-CBC, PBKDF2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

db=${1:-$DB_NAME}
dir=${ORDERFLOW_BACKUP_DIR:-backups}
keep=${ORDERFLOW_BACKUP_KEEP:-14}

[[ $keep =~ ^[1-9][0-9]*$ ]] || die "ORDERFLOW_BACKUP_KEEP must be a positive number, not '$keep'"
database_exists "$db" || die "no database $db"
umask 077
mkdir -p "$dir"

base="$dir/$(date -u +%Y%m%dT%H%M%S.%3NZ)_$db"
dump="$base.dump"
[ -n "${ORDERFLOW_BACKUP_PASSPHRASE:-}" ] && dump="$dump.enc"

complete=0
# A backup that stopped half-way must not look like a backup.
discard_partial() { [ "$complete" = 1 ] || rm -f "$base".*; }
trap discard_partial EXIT

encrypt() {
  if [ -n "${ORDERFLOW_BACKUP_PASSPHRASE:-}" ]; then
    openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:ORDERFLOW_BACKUP_PASSPHRASE
  else
    cat
  fi
}

started=$(now_ms)

# A read-only REPEATABLE READ transaction exports its snapshot and stays open while the
# counts and pg_dump import it: both see exactly the same committed data.
coproc SNAPSHOT { psql_db "$db"; }
# Bash unsets SNAPSHOT_PID as soon as it reaps the coprocess, which may happen before the wait below.
snapshot_pid=$SNAPSHOT_PID
printf '%s\n' 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;' 'SELECT pg_export_snapshot();' >&"${SNAPSHOT[1]}"
read -r -t 30 snapshot <&"${SNAPSHOT[0]}" || die "could not export a snapshot of $db"
[[ $snapshot =~ ^[0-9A-F-]+$ ]] || die "unexpected snapshot id '$snapshot'"

{
  echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'
  echo "SET TRANSACTION SNAPSHOT '$snapshot';"
  cat "$ORDERFLOW_SQL_DIR/row-counts.sql"
  echo 'COMMIT;'
} | psql_db "$db" > "$base.counts"

pg_superuser pg_dump -d "$db" --format=custom --snapshot="$snapshot" | encrypt > "$dump"

echo 'COMMIT;' >&"${SNAPSHOT[1]}"
exec {SNAPSHOT[1]}>&-
wait "$snapshot_pid"

(cd "$dir" && sha256sum "$(basename "$dump")" "$(basename "$base.counts")" > "$(basename "$base").sha256")
complete=1

# Retention: the .sha256 file is written last, so it marks complete backups.
mapfile -t old < <(ls -1 "$dir"/*_"$db".sha256 | sort -r | tail -n +"$((keep + 1))")
for checksum in "${old[@]}"; do
  rm -f "${checksum%.sha256}".{dump,dump.enc,counts,sha256}
  log "retention: removed $(basename "${checksum%.sha256}")"
done

log "backed up $db to $dump ($(du -h "$dump" | cut -f1), $(wc -l < "$base.counts") tables, $(( $(now_ms) - started )) ms)"
echo "$dump"
