from django.db import migrations

from guyub.ledger.chart import TEMPLATE


def create_charts(apps, schema_editor):
    Cooperative = apps.get_model("core", "Cooperative")
    Account = apps.get_model("ledger", "Account")
    for coop in Cooperative.objects.all():
        Account.objects.bulk_create(
            [Account(cooperative=coop, code=c, name=n, type=t, role=r) for c, n, t, r in TEMPLATE],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_append_only_and_balanced"), ("core", "0001_initial")]

    operations = [migrations.RunPython(create_charts, migrations.RunPython.noop)]
