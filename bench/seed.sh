#!/usr/bin/env bash
# Recreates the bench database, migrates it with the production jar's migrate command, and loads
# the data set of size SIZE (tiny | small | default). Usage: SIZE=small bench/seed.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then build_jar; fi
mkdir -p "$BENCH_DIR/results"
fresh_database "$BENCH_DIR/results/seed-migrate.log"
seed_database
psql_owner -At -c "SELECT 'rows: products=' || (SELECT count(*) FROM products) || ' users=' || (SELECT count(*) FROM users)
  || ' orders=' || (SELECT count(*) FROM orders) || ' order_items=' || (SELECT count(*) FROM order_items)
  || ' payments=' || (SELECT count(*) FROM payments) || ' audit_logs=' || (SELECT count(*) FROM audit_logs)"
