"""The database itself guards the books.

PostgreSQL: a deferred constraint trigger refuses to commit a transaction that
leaves any journal entry unbalanced or without lines, and journal rows cannot be
updated or deleted. SQLite (the embedded default) refuses updates; its DELETE is
left alone because the test framework empties tables with it.
"""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

PG_FORWARD = """
CREATE OR REPLACE FUNCTION ledger_check_entry_balanced() RETURNS trigger AS $$
DECLARE
    entry bigint;
    total_debit numeric;
    total_credit numeric;
    line_count integer;
BEGIN
    IF TG_TABLE_NAME = 'ledger_journalentry' THEN
        entry := NEW.id;
    ELSE
        entry := NEW.entry_id;
    END IF;
    SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0), COUNT(*)
      INTO total_debit, total_credit, line_count
      FROM ledger_journalline WHERE entry_id = entry;
    IF line_count < 2 THEN
        RAISE EXCEPTION 'journal entry % has % line(s); at least two are required',
            entry, line_count USING ERRCODE = 'check_violation';
    END IF;
    IF total_debit <> total_credit THEN
        RAISE EXCEPTION 'journal entry % is unbalanced: debit % <> credit %',
            entry, total_debit, total_credit USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_journalline_balanced
    AFTER INSERT ON ledger_journalline
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced();

CREATE CONSTRAINT TRIGGER ledger_journalentry_has_balanced_lines
    AFTER INSERT ON ledger_journalentry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced();

CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'journal rows are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_journalline_append_only
    BEFORE UPDATE OR DELETE ON ledger_journalline
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

CREATE TRIGGER ledger_journalentry_append_only
    BEFORE UPDATE OR DELETE ON ledger_journalentry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS ledger_journalline_balanced ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_journalentry_has_balanced_lines ON ledger_journalentry;
DROP TRIGGER IF EXISTS ledger_journalline_append_only ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_journalentry_append_only ON ledger_journalentry;
DROP FUNCTION IF EXISTS ledger_check_entry_balanced();
DROP FUNCTION IF EXISTS ledger_refuse_change();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER ledger_journalline_no_update BEFORE UPDATE ON ledger_journalline
       BEGIN SELECT RAISE(ABORT, 'journal rows are append-only'); END""",
    """CREATE TRIGGER ledger_journalentry_no_update BEFORE UPDATE ON ledger_journalentry
       BEGIN SELECT RAISE(ABORT, 'journal rows are append-only'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS ledger_journalline_no_update",
    "DROP TRIGGER IF EXISTS ledger_journalentry_no_update",
]


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=SQLITE_FORWARD, sqlite_reverse=SQLITE_BACKWARD)]
