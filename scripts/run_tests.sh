#!/usr/bin/env bash
# Run the whole suite on SQLite, then again on PostgreSQL when a server answers at
# TEST_DATABASE_URL. Says which ran. GUYUB_REQUIRE_POSTGRES=1 turns a missing
# PostgreSQL into a failure instead of a notice.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
export TEST_DATABASE_URL
ran=()
# Two workers by default (the machine has two cores); GUYUB_TEST_WORKERS=0 runs serially.
WORKERS=${GUYUB_TEST_WORKERS:-2}
XDIST=()
[ "$WORKERS" != "0" ] && XDIST=(-n "$WORKERS" --dist loadfile)

echo "=== Test suite on SQLite ==="
DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3" $PY -m pytest "${XDIST[@]}" "$@"
sqlite_rc=$?
ran+=("SQLite: $([ $sqlite_rc -eq 0 ] && echo passed || echo FAILED)")

pg_rc=0
if $PY scripts/pg_available.py "$TEST_DATABASE_URL"; then
  echo "=== Test suite on PostgreSQL ($TEST_DATABASE_URL) ==="
  DATABASE_URL="$TEST_DATABASE_URL" $PY -m pytest "${XDIST[@]}" "$@"
  pg_rc=$?
  ran+=("PostgreSQL: $([ $pg_rc -eq 0 ] && echo passed || echo FAILED)")
elif [ "${GUYUB_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "FAILURE: GUYUB_REQUIRE_POSTGRES=1 but no PostgreSQL answers at $TEST_DATABASE_URL"
  pg_rc=1
  ran+=("PostgreSQL: REQUIRED BUT UNAVAILABLE")
else
  echo "NOTICE: no PostgreSQL at $TEST_DATABASE_URL: the PostgreSQL run was skipped."
  ran+=("PostgreSQL: skipped (no server)")
fi

echo
echo "=== Summary ==="
for line in "${ran[@]}"; do echo "  $line"; done
[ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ]
