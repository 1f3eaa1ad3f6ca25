"""The ballot box's order.

A blank's slot in the shuffled pool (ballots/statements.fill_blank draws one uniformly).
Blanks of a vote open during this migration all get slot 0; their casts then take the
count-and-take-the-n-th draw, still uniform.

A closed vote's box waits for the rewrite of the ballot table in random-id order
(ballots/services/reorder.py). Votes closed before this migration were only sealed and
VACUUMed, their rows left in casting order: they wait for it too, and the first run of
the job reorders them."""

from django.db import migrations, models


def closed_votes_wait(apps, schema_editor):
    Vote = apps.get_model("governance", "Vote")
    Vote.objects.filter(status__in=["closed", "invalid"]).update(box_to_reorder=True)


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0002_ballot_box_guards"),
    ]

    operations = [
        migrations.AddField(
            model_name="vote",
            name="box_to_reorder",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(closed_votes_wait, migrations.RunPython.noop),
        migrations.AddField(
            model_name="ballot",
            name="slot",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="ballot",
            index=models.Index(fields=["vote", "slot"], name="governance__vote_id_070c94_idx"),
        ),
    ]
