#!/usr/bin/env bash
# A PostgreSQL streaming replica of the cluster on ORDERFLOW_DB_PORT, on this machine (make cluster REPLICA=1).
#
#   scripts/replica.sh start [PORT]   a hot standby on PORT (default 5433), copied with pg_basebackup
#   scripts/replica.sh stop [PORT]    stops and drops it, and undoes what start changed on the primary
#   scripts/replica.sh lag [PORT]     bytes of WAL the replica has not replayed yet
#
# start adds, on the primary, a replication role (orderflow_replicator, REPLICA_PASSWORD) and one
# pg_hba.conf line letting it stream from 127.0.0.1; stop removes both. The replica is a Debian cluster
# (pg_createcluster) named orderflow_replica, with the primary's pg_hba.conf, and no replication slot:
# it never makes the primary keep WAL, so a replica left behind for long must be made again.
set -euo pipefail
shopt -s inherit_errexit
LOG_TAG=replica
source "$(dirname "$0")/lib.sh"

PORT=${2:-${REPLICA_PORT:-5433}}
NAME=orderflow_replica
ROLE=orderflow_replicator
ROLE_PASSWORD=${REPLICA_PASSWORD:-orderflow_replicator}
HBA_MARK="# orderflow replica (scripts/replica.sh)"

read -r VERSION PRIMARY < <(pg_lsclusters -h | awk -v p="$DB_PORT" '$3 == p {print $1, $2; exit}') \
  || die "no PostgreSQL cluster of this machine listens on port $DB_PORT"
PRIMARY_HBA=/etc/postgresql/$VERSION/$PRIMARY/pg_hba.conf

replica_exists() { pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n {found = 1} END {exit !found}'; }

allow_replication() {
  psql_admin -v role="$ROLE" -v pw="$ROLE_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SQL
  if ! grep -qF "$HBA_MARK" "$PRIMARY_HBA"; then
    # First in the file: pg_hba.conf is read top down and the first matching line decides.
    as_root sed -i "1i host replication $ROLE 127.0.0.1/32 scram-sha-256 $HBA_MARK" "$PRIMARY_HBA"
    psql_admin -c 'SELECT pg_reload_conf()' > /dev/null
  fi
}

forbid_replication() {
  if grep -qF "$HBA_MARK" "$PRIMARY_HBA"; then
    as_root sed -i "\\|$HBA_MARK|d" "$PRIMARY_HBA"
    psql_admin -c 'SELECT pg_reload_conf()' > /dev/null
  fi
  psql_admin -v role="$ROLE" <<<"SELECT format('DROP ROLE IF EXISTS %I', :'role') \gexec"
}

start() {
  if replica_exists; then
    [ "$(DB_PORT=$PORT psql_admin -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] \
      || die "cluster $VERSION/$NAME exists but is not a hot standby on port $PORT: scripts/replica.sh stop first"
    log "replica $VERSION/$NAME already streaming on port $PORT ($(lag) bytes behind)"
    return
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is taken"
  allow_replication
  as_root pg_createcluster "$VERSION" "$NAME" --port "$PORT" > /dev/null
  local data=/var/lib/postgresql/$VERSION/$NAME
  as_root cp "$PRIMARY_HBA" "/etc/postgresql/$VERSION/$NAME/pg_hba.conf"
  as_root sed -i "\\|$HBA_MARK|d" "/etc/postgresql/$VERSION/$NAME/pg_hba.conf"
  as_root find "$data" -mindepth 1 -delete
  log "copying the primary (port $DB_PORT) into $VERSION/$NAME with pg_basebackup"
  # -R: standby.signal and primary_conninfo, so it starts as a hot standby streaming from the primary.
  as_root runuser -u postgres -- env PGPASSWORD="$ROLE_PASSWORD" \
    pg_basebackup -h "$DB_HOST" -p "$DB_PORT" -U "$ROLE" -D "$data" -X stream -R -c fast
  as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
  for _ in $(seq 1 60); do
    [ "$(DB_PORT=$PORT psql_admin -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] && break
    sleep 0.5
  done
  [ "$(DB_PORT=$PORT psql_admin -c 'SELECT pg_is_in_recovery()')" = t ] || die "the replica on port $PORT is not a hot standby"
  log "replica of port $DB_PORT streaming on port $PORT ($(lag) bytes behind)"
}

stop() {
  if replica_exists; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop -m fast 2>/dev/null || true
    as_root pg_dropcluster "$VERSION" "$NAME"
  fi
  forbid_replication
  log "replica $VERSION/$NAME dropped"
}

lag() {
  local replayed
  replayed=$(DB_PORT=$PORT psql_admin -c 'SELECT pg_last_wal_replay_lsn()')
  psql_admin -v replayed="$replayed" <<<"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), :'replayed')"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  lag) lag ;;
  *) echo "usage: $0 start | stop | lag [PORT]" >&2; exit 2 ;;
esac
