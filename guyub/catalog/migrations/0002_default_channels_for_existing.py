from django.db import migrations

from guyub.catalog.setup.services import DEFAULT_CHANNELS


def create(apps, schema_editor):
    Cooperative = apps.get_model("core", "Cooperative")
    Channel = apps.get_model("catalog", "Channel")
    for coop in Cooperative.objects.all():
        Channel.objects.bulk_create(
            [Channel(cooperative=coop, code=code, name=name, description=desc, **rules)
             for code, name, desc, rules in DEFAULT_CHANNELS],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
