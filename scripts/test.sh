#!/usr/bin/env bash
# Runs the whole test suite. Storage and API tests run on SQLite always and on PostgreSQL too:
# on the server BADGED_TEST_POSTGRES_URL names, or else on a throwaway one started here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
if [ -z "${BADGED_TEST_POSTGRES_URL:-}" ]; then
  BADGED_TEST_POSTGRES_URL=$(scripts/test-postgres.sh)
  export BADGED_TEST_POSTGRES_URL
fi
exec swift test "$@"
