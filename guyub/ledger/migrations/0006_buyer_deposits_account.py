from django.db import migrations

from guyub.ledger.chart import TEMPLATE


def add_missing_accounts(apps, schema_editor):
    # The buyer deposits account (2104 Uang muka pembeli) holds part payments of an
    # order until it is paid in full; existing cooperatives get it too.
    Cooperative = apps.get_model("core", "Cooperative")
    Account = apps.get_model("ledger", "Account")
    for coop in Cooperative.objects.all():
        have = set(Account.objects.filter(cooperative=coop).values_list("role", flat=True))
        codes = set(Account.objects.filter(cooperative=coop).values_list("code", flat=True))
        Account.objects.bulk_create([
            Account(cooperative=coop, code=c, name=n, type=t, role=r)
            for c, n, t, r in TEMPLATE if r not in have and c not in codes
        ])


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_posted_entries_and_closed_periods")]

    operations = [migrations.RunPython(add_missing_accounts, migrations.RunPython.noop)]
