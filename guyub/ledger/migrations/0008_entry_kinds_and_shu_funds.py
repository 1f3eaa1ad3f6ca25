"""The year-end (finance.closing): every entry and line says whether it is an ordinary
money event, a closing entry or an adjusting entry; the closed-period guards (0005) now
let those two year-end kinds in (finance.closing posts them, into the year it closes or
has closed: an adjusting entry is the one way a closed year is corrected); and the funds the SHU
allocation sets aside get their accounts (existing cooperatives too)."""

from django.db import migrations, models

from guyub.ledger.migration_support import add_missing_accounts, vendor_sql

KINDS = [("regular", "Transaksi"), ("closing", "Jurnal penutup"),
         ("adjusting", "Jurnal penyesuaian")]

PG_FORWARD = """
CREATE OR REPLACE FUNCTION ledger_refuse_closed_period() RETURNS trigger AS $$
BEGIN
    IF NEW.kind <> 'regular' THEN
        RETURN NEW;  -- the year-end's own entries: closing and adjusting (finance.closing)
    END IF;
    IF EXISTS (SELECT 1 FROM ledger_periodclose p
               WHERE p.cooperative_id = NEW.cooperative_id AND p.closed_through >= NEW.date) THEN
        RAISE EXCEPTION 'the books are closed through that day: % dated % refused',
            TG_TABLE_NAME, NEW.date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

PG_BACKWARD = """
CREATE OR REPLACE FUNCTION ledger_refuse_closed_period() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_periodclose p
               WHERE p.cooperative_id = NEW.cooperative_id AND p.closed_through >= NEW.date) THEN
        RAISE EXCEPTION 'the books are closed through that day: % dated % refused',
            TG_TABLE_NAME, NEW.date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _sqlite_triggers(exempt_year_end: bool) -> list[str]:
    exempt = "NEW.kind = 'regular' AND " if exempt_year_end else ""
    statements = []
    for table in ("journalline", "journalentry"):
        statements += [
            f"DROP TRIGGER IF EXISTS ledger_{table}_open_period",
            f"""CREATE TRIGGER ledger_{table}_open_period BEFORE INSERT ON ledger_{table}
                WHEN {exempt}EXISTS (SELECT 1 FROM ledger_periodclose p
                             WHERE p.cooperative_id = NEW.cooperative_id
                               AND p.closed_through >= NEW.date)
                BEGIN SELECT RAISE(ABORT, 'the books are closed through that day'); END""",
        ]
    return statements


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_resources_and_support_accounts")]

    operations = [
        # ADD COLUMN, not Django's AddField: on SQLite that would rebuild the journal
        # tables and drop their append-only and balance triggers. The column keeps its
        # default in the database, so a raw insert is an ordinary money event.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE ledger_{table} ADD COLUMN kind varchar(10) "
                    "NOT NULL DEFAULT 'regular'",
                    f"ALTER TABLE ledger_{table} DROP COLUMN kind")
                for table in ("journalentry", "journalline")
            ],
            state_operations=[
                migrations.AddField(
                    model_name="journalentry", name="kind",
                    field=models.CharField(choices=KINDS, default="regular", max_length=10,
                                           verbose_name="jenis jurnal"),
                ),
                migrations.AddField(
                    model_name="journalline", name="kind",
                    field=models.CharField(choices=KINDS, default="regular", max_length=10),
                ),
            ],
        ),
        vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                   sqlite=_sqlite_triggers(True), sqlite_reverse=_sqlite_triggers(False)),
        migrations.RunPython(add_missing_accounts, migrations.RunPython.noop),
    ]
