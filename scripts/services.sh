#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on loopback, installing and starting them
# with apt-get on a fresh Debian/Ubuntu machine, then creates orderflow's roles and
# database. Idempotent: a second run only checks.
#
#   scripts/services.sh ensure           services up, roles present
#   scripts/services.sh database NAME    (re)use database NAME owned by the owner role
#   scripts/services.sh recreate NAME    drop and create database NAME
#   scripts/services.sh samples NAME     load the local sample courses and events into NAME (make run only)
set -euo pipefail

LOG_TAG=services
source "$(dirname "$0")/lib.sh"
REDIS_HOST=${ORDERFLOW_REDIS_HOST:-127.0.0.1}
REDIS_PORT=${ORDERFLOW_REDIS_PORT:-6379}

postgres_answers() { command -v pg_isready >/dev/null && pg_isready -q -h "$DB_HOST" -p "$DB_PORT"; }

ensure_postgres() {
  postgres_answers && return
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do postgres_answers && return; sleep 1; done
  log "PostgreSQL does not answer on $DB_HOST:$DB_PORT"; exit 1
}

ensure_redis() {
  redis_answers && return
  command -v redis-server >/dev/null || apt_install redis-server redis-tools
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/orderflow.log
  for _ in $(seq 1 30); do redis_answers && return; sleep 1; done
  log "Redis does not answer on $REDIS_HOST:$REDIS_PORT"; exit 1
}

case "${1:-ensure}" in
  ensure)   ensure_postgres; ensure_redis; ensure_roles ;;
  database) ensure_database "$2" ;;
  recreate) drop_database "$2"; ensure_database "$2" ;;
  drop)     drop_database "$2" ;;
  samples)  psql_db "$2" < "$ORDERFLOW_SQL_DIR/local-samples.sql" ;;
  *) echo "usage: $0 ensure | database NAME | recreate NAME | drop NAME | samples NAME" >&2; exit 2 ;;
esac
