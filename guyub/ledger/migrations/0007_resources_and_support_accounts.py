from django.db import migrations

from guyub.ledger.migration_support import add_missing_accounts


# Shared resources and mutual support: member loans receivable and their interest,
# asset fees (members and non-members apart, for SAK EP), deposits held for assets, and
# the solidarity fund (dana sosial); existing cooperatives get them too.
class Migration(migrations.Migration):
    dependencies = [("ledger", "0006_buyer_deposits_account")]

    operations = [migrations.RunPython(add_missing_accounts, migrations.RunPython.noop)]
