"""No double booking, whatever the code above does (hand-written; keep it separate from
the generated migrations).

PostgreSQL: an exclusion constraint refuses two active slots of the same asset and unit
whose time ranges overlap (half-open, so 08:00–10:00 and 10:00–12:00 both fit). The
gist index needs btree_gist for the equality parts. Inactive slots (a cancelled
booking, a cancelled maintenance window) take no part. SQLite has no such constraint:
the booking services serialise on the database's write lock and check first."""

from django.db import migrations

from guyub.ledger.migration_support import vendor_sql

PG_FORWARD = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE resources_slot ADD CONSTRAINT slot_no_overlap EXCLUDE USING gist (
    asset_id WITH =,
    unit_no WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (active);
"""

PG_BACKWARD = "ALTER TABLE resources_slot DROP CONSTRAINT IF EXISTS slot_no_overlap;"


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [vendor_sql(postgresql=PG_FORWARD, postgresql_reverse=PG_BACKWARD,
                             sqlite=[], sqlite_reverse=[])]
