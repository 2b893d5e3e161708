#!/usr/bin/env bash
# make security-check: the OWASP API Top 10 walk of scripts/security_check.py against a running server.
#
#   BASE_URL                     the server (default http://localhost:8080)
#   ORDERFLOW_ADMIN_EMAIL/_PASSWORD  an admin login (the Makefile exports make run's local defaults)
#   ORDERFLOW_JWT_PRIVATE_KEY    the server's signing key, for the expired-token probe (default .keys/jwt-private.pem)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_tools python3:python3 openssl:openssl
exec python3 "$(dirname "$0")/security_check.py"
