"""Exit 0 when a PostgreSQL server answers at the given URL."""

import sys

import psycopg

try:
    with psycopg.connect(sys.argv[1], connect_timeout=3) as conn:
        conn.execute("SELECT 1")
except Exception as exc:  # any failure means "not available"
    print(f"PostgreSQL not available: {exc}", file=sys.stderr)
    sys.exit(1)
