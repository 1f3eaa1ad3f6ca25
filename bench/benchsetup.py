"""What every benchmark script shares: printing, its own PostgreSQL database, Django.

Each script keeps its data in a database of its own (BENCH_DATABASE_URL, a default per
script), created when missing and migrated on every run.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def say(text: str = "") -> None:
    print(text, flush=True)


def ensure_database(url: str, *, drop: bool) -> None:
    """Create the bench database when it is missing (or anew with drop=True)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        sys.exit(f"BENCH_DATABASE_URL has no database name: {url}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [name]).fetchone()
        if exists and drop:
            say(f"dropping database {name} (--reload)")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            say(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "guyub.settings"
    # DEBUG: the scripts' own process only loads and checks (a server it starts has its
    # own settings).
    os.environ["DEBUG"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
