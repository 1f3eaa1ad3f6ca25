"""The scheduled job: `manage.py close_due_rounds`, run by cron every minute, closes the
rounds whose closing time has passed, in every cooperative, and nothing else."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.purchasing.models import Round, Share
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, soy_round

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("close_due_rounds", *args, stdout=out)
    return out.getvalue()


def past_due(round_):
    with scopes_disabled():
        Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now()
                                                  - dt.timedelta(minutes=1))


def status(round_) -> str:
    with scopes_disabled():
        return Round.objects.get(pk=round_.pk).status


def test_it_closes_the_due_rounds_of_every_cooperative_and_only_those(
        coop, other_coop, board, make_user):
    due, item = soy_round(coop, board, title="Kedelai jatuh tempo")
    member = MemberFactory(cooperative=coop)
    commit(item, member, 100)
    elsewhere, _ = soy_round(other_coop, make_user(other_coop, "board"), title="Di koperasi lain")
    later, _ = soy_round(coop, board, title="Masih dibuka")
    past_due(due)
    past_due(elsewhere)
    output = run()
    assert "2 round(s) closed." in output and "Kedelai jatuh tempo" in output
    assert (status(due), status(elsewhere), status(later)) == ("closed", "closed", "open")
    with scopes_disabled():
        share = Share.objects.get(round_item=item)
    assert (share.member_id, share.quantity) == (member.pk, 100)


def test_running_it_again_closes_nothing_twice(coop, board):
    due, _item = soy_round(coop, board)
    past_due(due)
    run()
    assert run() == "0 round(s) closed.\n"
    assert run("--quiet") == ""
    assert status(due) == "closed"


def test_a_round_closed_by_hand_is_left_as_it_is(coop, board, board_client):
    due, _item = soy_round(coop, board)
    board_client.post(f"/k/{coop.slug}/pembelian/{due.pk}/tutup/")
    with scopes_disabled():
        closed_at = Round.objects.get(pk=due.pk).closed_at
    past_due(due)
    assert "0 round(s) closed." in run()
    with scopes_disabled():
        assert Round.objects.get(pk=due.pk).closed_at == closed_at
