"""The ballot box is append-only, whatever the code above does (hand-written; keep it
separate from the generated migrations). PostgreSQL only: SQLite runs the tests and
small installs, where the services are the only writers.

- No ballot, participation or named choice is ever deleted.
- A participation (who voted) is never changed.
- A ballot is written twice at most: a blank is filled once (any values), and a filled
  ballot may only be sealed (sealed false → true, with its vote, choice, receipt and
  filled flag unchanged) — the close's one statement. Nothing unseals or edits it.
- A named choice (open votes) is never changed.
TRUNCATE (the tests' flush) is not DELETE and is not refused."""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

PG_FORWARD = """
CREATE OR REPLACE FUNCTION governance_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ballot box is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION governance_ballot_update() RETURNS trigger AS $$
BEGIN
    IF NOT OLD.filled THEN
        -- A blank being filled (or left blank): only the vote and id are fixed.
        IF NEW.vote_id <> OLD.vote_id OR NEW.id <> OLD.id
           OR NEW.cooperative_id <> OLD.cooperative_id THEN
            RAISE EXCEPTION 'a ballot stays in its box' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.sealed AND NOT OLD.sealed AND NEW.filled
       AND NEW.selection = OLD.selection AND NEW.receipt = OLD.receipt
       AND NEW.vote_id = OLD.vote_id AND NEW.id = OLD.id
       AND NEW.cooperative_id = OLD.cooperative_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a filled ballot is never changed (only sealed once)'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_ballot_no_delete BEFORE DELETE ON governance_ballot
    FOR EACH ROW EXECUTE FUNCTION governance_refuse_change();
CREATE TRIGGER governance_ballot_update BEFORE UPDATE ON governance_ballot
    FOR EACH ROW EXECUTE FUNCTION governance_ballot_update();
CREATE TRIGGER governance_participation_append_only
    BEFORE UPDATE OR DELETE ON governance_participation
    FOR EACH ROW EXECUTE FUNCTION governance_refuse_change();
CREATE TRIGGER governance_namedchoice_append_only
    BEFORE UPDATE OR DELETE ON governance_namedchoice
    FOR EACH ROW EXECUTE FUNCTION governance_refuse_change();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS governance_namedchoice_append_only ON governance_namedchoice;
DROP TRIGGER IF EXISTS governance_participation_append_only ON governance_participation;
DROP TRIGGER IF EXISTS governance_ballot_update ON governance_ballot;
DROP TRIGGER IF EXISTS governance_ballot_no_delete ON governance_ballot;
DROP FUNCTION IF EXISTS governance_ballot_update();
DROP FUNCTION IF EXISTS governance_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=[], sqlite_reverse=[])]
