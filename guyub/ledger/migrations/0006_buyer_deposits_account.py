from django.db import migrations

from guyub.ledger.migration_support import add_missing_accounts


# The buyer deposits account (2104 Uang muka pembeli) holds part payments of an
# order until it is paid in full; existing cooperatives get it too.
class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_posted_entries_and_closed_periods")]

    operations = [migrations.RunPython(add_missing_accounts, migrations.RunPython.noop)]
