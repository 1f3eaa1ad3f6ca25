"""Hand-written SQL lives only in the named-statement modules of the hot paths (docs/
architecture.md, "Fast paths"), whose own tests check that every statement is bound
to one cooperative. A view, an API module or a service that starts writing SQL fails
here, before it can forget the cooperative."""

import re
from pathlib import Path

import guyub

ROOT = Path(guyub.__file__).parent

# Where SQL may be written, and the test that holds its statements to a cooperative.
STATEMENT_MODULES = {
    "core/rows.py": "core/tests/test_rows.py (the generic helpers)",
    "core/api_auth.py": "the token lookup: finds the token, and with it the cooperative",
    "sales/orders/statements.py": "sales/orders/tests/test_statements.py",
    "sales/storefront/statements.py": "sales/orders/tests/test_statements.py",
    "sales/storefront/search.py": "sales/orders/tests/test_statements.py",
    "purchasing/rounds/statements.py": "purchasing/rounds/tests/test_statements.py",
    "support/loans/statements.py": "support/loans/tests/test_statements.py",
    # governance: the door, ballots
    "governance/attendance/statements.py": "governance/attendance/tests/test_statements.py",
    "governance/ballots/statements.py": "governance/ballots/tests/test_statements.py, "
                                        "test_cast_statements.py",
    "notifications/statements.py": "notifications/tests/test_notify.py (the notices' "
                                   "insert names its cooperative; PostgreSQL pass)",
}
RUNS_SQL = re.compile(r"rows\.(execute|copy_rows|update_from_values)\(|\.cursor\(\)|"
                      r"\.raw\(|\.extra\(|\bRawSQL\(")


def _code_modules():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        parts = relative.split("/")
        if "tests" in parts or "migrations" in parts or parts[0] == "testing":
            continue
        yield relative, path.read_text()


def test_sql_is_written_only_in_the_statement_modules():
    writing_sql = {name for name, text in _code_modules() if RUNS_SQL.search(text)}
    assert writing_sql - set(STATEMENT_MODULES) == set()


def test_every_statement_module_still_exists():
    # A module renamed without updating the list would silently leave the check.
    assert all((ROOT / name).exists() for name in STATEMENT_MODULES)
