"""What the ledger's migrations share: running a guard's SQL on the database it is
written for, and giving existing cooperatives the chart accounts added later.

Migrations import this module, so what it does must never change for a migration
already applied: the SQL stays in each migration (the database's guards are read
there, as they were created); only the running of it is here.
"""

from django.db import migrations

from .chart import TEMPLATE


def vendor_sql(*, postgresql: str, postgresql_reverse: str, sqlite: list[str],
               sqlite_reverse: list[str]) -> migrations.RunPython:
    """An operation running `postgresql` (one script) on PostgreSQL or the `sqlite`
    statements on SQLite, and their reverses when migrating back; nothing elsewhere."""

    def run(schema_editor, script: str, statements: list[str]) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            # No params: psycopg must not read the % of RAISE messages as placeholders.
            schema_editor.execute(script, params=None)
        elif vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return migrations.RunPython(
        lambda apps, schema_editor: run(schema_editor, postgresql, sqlite),
        lambda apps, schema_editor: run(schema_editor, postgresql_reverse, sqlite_reverse),
    )


def add_missing_accounts(apps, schema_editor) -> None:
    """Give every cooperative the template accounts it does not have yet (by role and
    by code); existing accounts are left as they are."""
    Cooperative = apps.get_model("core", "Cooperative")
    Account = apps.get_model("ledger", "Account")
    for coop in Cooperative.objects.all():
        have = set(Account.objects.filter(cooperative=coop).values_list("role", flat=True))
        codes = set(Account.objects.filter(cooperative=coop).values_list("code", flat=True))
        Account.objects.bulk_create([
            Account(cooperative=coop, code=c, name=n, type=t, role=r)
            for c, n, t, r in TEMPLATE if r not in have and c not in codes
        ])
