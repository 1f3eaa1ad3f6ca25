"""The negotiation history, the agreed versions and the mediation threads are never
edited or deleted, whoever connects to the database: triggers refuse it."""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

TABLES = ("contracts_offer", "contracts_contractversion", "contracts_disputemessage")

PG_FORWARD = """
CREATE OR REPLACE FUNCTION contracts_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'contract history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
""" + "".join(f"""
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION contracts_refuse_change();
""" for table in TABLES)

PG_BACKWARD = "".join(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};\n"
                      for table in TABLES) + "DROP FUNCTION IF EXISTS contracts_refuse_change();"

# SQLite refuses updates only: the test suite empties its tables with DELETE (PostgreSQL
# with TRUNCATE, which row triggers do not see), as the ledger's guards do.
SQLITE_FORWARD = [
    f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
       BEGIN SELECT RAISE(ABORT, 'contract history is append-only'); END"""
    for table in TABLES
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS {table}_no_update" for table in TABLES]


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_initial")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=SQLITE_FORWARD, sqlite_reverse=SQLITE_BACKWARD)]
