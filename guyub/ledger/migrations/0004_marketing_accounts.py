from django.db import migrations

from guyub.ledger.migration_support import add_missing_accounts


# Template accounts added after a cooperative was created (VAT payable, shipping
# expense) are added to it too.
class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_chart_for_existing_cooperatives")]

    operations = [migrations.RunPython(add_missing_accounts, migrations.RunPython.noop)]
