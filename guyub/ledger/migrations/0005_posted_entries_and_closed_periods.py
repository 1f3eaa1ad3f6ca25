"""More guards in the database itself, beside the balance and append-only ones (0002).

PostgreSQL: no line can be added to an entry posted by an earlier transaction (a
balanced pair slipped into last month's entry would pass the balance check), and the
journal tables cannot be TRUNCATEd (TRUNCATE skips the row triggers that refuse DELETE)
unless the session says guyub.allow_truncate = on: only the test settings do, so the
test framework can empty the tables between tests.
PostgreSQL and SQLite: no entry or line may be dated on or before the day through
which its cooperative's books are closed.
"""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

PG_FORWARD = """
CREATE OR REPLACE FUNCTION ledger_refuse_line_on_posted_entry() RETURNS trigger AS $$
DECLARE
    entry_xmin bigint;
    now_xid bigint := txid_current();
    entry_xid bigint;
    diff bigint;
BEGIN
    SELECT xmin::text::bigint INTO entry_xmin FROM ledger_journalentry WHERE id = NEW.entry_id;
    IF entry_xmin IS NULL THEN
        RETURN NEW;  -- no such entry: the foreign key refuses the line
    END IF;
    -- xmin is the 32-bit id of the transaction (or savepoint) that wrote the entry:
    -- widen it to 64 bits as PostgreSQL compares ids, within 2^31 of this one. An entry
    -- written by this transaction or one of its savepoints is "in progress"; any other
    -- one we can see was committed: posted.
    diff := entry_xmin - (now_xid & 4294967295);
    IF diff >= 2147483648 THEN
        diff := diff - 4294967296;
    ELSIF diff < -2147483648 THEN
        diff := diff + 4294967296;
    END IF;
    entry_xid := now_xid + diff;
    IF txid_status(entry_xid) IS DISTINCT FROM 'in progress' THEN
        RAISE EXCEPTION 'journal entry % is already posted: no line can be added to it',
            NEW.entry_id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_journalline_entry_not_posted
    BEFORE INSERT ON ledger_journalline
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_line_on_posted_entry();

CREATE OR REPLACE FUNCTION ledger_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('guyub.allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'journal rows are append-only: TRUNCATE of % refused', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_journalline_no_truncate
    BEFORE TRUNCATE ON ledger_journalline
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();

CREATE TRIGGER ledger_journalentry_no_truncate
    BEFORE TRUNCATE ON ledger_journalentry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate();

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

CREATE TRIGGER ledger_journalline_open_period
    BEFORE INSERT ON ledger_journalline
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();

CREATE TRIGGER ledger_journalentry_open_period
    BEFORE INSERT ON ledger_journalentry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS ledger_journalline_entry_not_posted ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_journalline_no_truncate ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_journalentry_no_truncate ON ledger_journalentry;
DROP TRIGGER IF EXISTS ledger_journalline_open_period ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_journalentry_open_period ON ledger_journalentry;
DROP FUNCTION IF EXISTS ledger_refuse_line_on_posted_entry();
DROP FUNCTION IF EXISTS ledger_refuse_truncate();
DROP FUNCTION IF EXISTS ledger_refuse_closed_period();
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER ledger_{table}_open_period BEFORE INSERT ON ledger_{table}
        WHEN EXISTS (SELECT 1 FROM ledger_periodclose p
                     WHERE p.cooperative_id = NEW.cooperative_id
                       AND p.closed_through >= NEW.date)
        BEGIN SELECT RAISE(ABORT, 'the books are closed through that day'); END"""
    for table in ("journalline", "journalentry")
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS ledger_{table}_open_period"
                   for table in ("journalline", "journalentry")]


class Migration(migrations.Migration):
    dependencies = [("ledger", "0004_marketing_accounts")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=SQLITE_FORWARD, sqlite_reverse=SQLITE_BACKWARD)]
