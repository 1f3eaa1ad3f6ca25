"""A journal line carries its entry's kind: the closed-period guards (0008) read each
row's own kind, so a line marked closing or adjusting inside an ordinary entry written
with raw SQL would slip past the guard on lines. The database now refuses a line whose
kind is not its entry's (PostgreSQL and SQLite). Lines are append-only (0002), so the
check at insert is the only one needed."""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

MESSAGE = "a journal line must have the kind of its entry"

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION ledger_line_kind_of_entry() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ledger_journalentry e
                   WHERE e.id = NEW.entry_id AND e.kind = NEW.kind) THEN
        RAISE EXCEPTION '{MESSAGE}: line of kind % refused', NEW.kind
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ledger_journalline_kind_of_entry ON ledger_journalline;
CREATE TRIGGER ledger_journalline_kind_of_entry BEFORE INSERT ON ledger_journalline
    FOR EACH ROW EXECUTE FUNCTION ledger_line_kind_of_entry();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS ledger_journalline_kind_of_entry ON ledger_journalline;
DROP FUNCTION IF EXISTS ledger_line_kind_of_entry();
"""

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS ledger_journalline_kind_of_entry",
    f"""CREATE TRIGGER ledger_journalline_kind_of_entry BEFORE INSERT ON ledger_journalline
        WHEN NOT EXISTS (SELECT 1 FROM ledger_journalentry e
                         WHERE e.id = NEW.entry_id AND e.kind = NEW.kind)
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]

SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS ledger_journalline_kind_of_entry"]


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_entry_kinds_and_shu_funds")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=SQLITE_FORWARD, sqlite_reverse=SQLITE_BACKWARD)]
