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
# 1EdTech's Open Badges verifier kit from ../shared/ob2, for the conformance tests.
ob2=../shared/ob2
venv=${BADGED_OB2_VENV:-/tmp/ob2-venv}
if [ -z "${BADGED_OB2_PYTHON:-}" ] && [ ! -x "$venv/bin/python" ] && [ -x "$ob2/setup.sh" ]; then
  "$ob2/setup.sh" "$venv" >&2
fi
export BADGED_OB2_PYTHON=${BADGED_OB2_PYTHON:-$venv/bin/python}
exec swift test "$@"
