#!/usr/bin/env bash
# Restores a backup made by backup.sh into a database, after checking its SHA-256 sums.
# An existing target database is never overwritten unless FORCE=1, which drops it first
# (disconnecting its clients).
#
#   scripts/restore.sh BACKUP [TARGET_DB]       TARGET_DB defaults to $ORDERFLOW_DB_NAME
#
#   ORDERFLOW_BACKUP_PASSPHRASE  needed for an encrypted backup (*.dump.enc)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: $0 BACKUP [TARGET_DB]" >&2; exit 2; }
backup=$1
target=${2:-$DB_NAME}
base=${backup%.enc}
base=${base%.dump}

[ -f "$backup" ] || die "no backup file $backup"
[ -f "$base.sha256" ] || die "no checksum file $base.sha256 beside the backup"
(cd "$(dirname "$backup")" && sha256sum --quiet --check "$(basename "$base").sha256") \
  || die "checksum mismatch: $backup is damaged or was changed"
log "checksums match: $(basename "$base").sha256"

decrypt() {
  if [[ $backup == *.enc ]]; then
    [ -n "${ORDERFLOW_BACKUP_PASSPHRASE:-}" ] || die "$backup is encrypted: set ORDERFLOW_BACKUP_PASSPHRASE"
    openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass env:ORDERFLOW_BACKUP_PASSPHRASE < "$backup"
  else
    cat "$backup"
  fi
}

if database_exists "$target"; then
  live=""
  [ "$target" = "$DB_NAME" ] && live=" (the live database)"
  [ "${FORCE:-0}" = 1 ] || die "database $target$live exists; refusing to overwrite it without FORCE=1"
  log "FORCE=1: dropping $target$live"
  drop_database "$target"
fi
ensure_database "$target"

# One transaction: a restore that fails leaves an empty database, never a partial one.
if ! decrypt | pg_superuser pg_restore -d "$target" --exit-on-error --single-transaction; then
  [[ $backup != *.enc ]] || die "restore failed: was $(basename "$backup") encrypted with this ORDERFLOW_BACKUP_PASSPHRASE?"
  die "restore of $(basename "$backup") into $target failed"
fi
log "restored $(basename "$backup") into $target"
