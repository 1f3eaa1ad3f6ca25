"""`manage.py run_jobs`: one pass (cron) closes the due purchase rounds and moves the
due tenders to evaluation in every cooperative, and nothing else; `--loop` repeats
until it is stopped; a failing job does not keep the others from running."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.core.management.commands import run_jobs
from guyub.purchasing import jobs as purchasing_jobs
from guyub.purchasing.models import Round, Share, Tender
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, soy_round
from guyub.testing.tenders import tender_world

pytestmark = pytest.mark.django_db
PAST = dt.timedelta(minutes=1)


def run(*args) -> str:
    out = StringIO()
    call_command("run_jobs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def round_status(round_) -> str:
    with scopes_disabled():
        return Round.objects.get(pk=round_.pk).status


def tender_status(tender) -> str:
    with scopes_disabled():
        return Tender.objects.get(pk=tender.pk).status


def past_due(round_=None, tender=None):
    with scopes_disabled():
        if round_ is not None:
            Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - PAST)
        if tender is not None:
            Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - PAST)


@pytest.fixture
def due(coop, other_coop, board, make_user):
    """In two cooperatives: a round and a tender past due, and a round and a tender
    that are not."""
    due_round, item = soy_round(coop, board, title="Kedelai jatuh tempo")
    member = MemberFactory(cooperative=coop)
    commit(item, member, 100)
    later_round, _ = soy_round(coop, board, title="Masih dibuka")
    other_board = make_user(other_coop, "board")
    elsewhere, _ = soy_round(other_coop, other_board, title="Di koperasi lain")
    due_tender = tender_world(coop, board)["tender"]
    later_tender = tender_world(other_coop, other_board)["tender"]
    past_due(due_round)
    past_due(elsewhere, due_tender)
    return {"rounds": (due_round, elsewhere, later_round), "tenders": (due_tender, later_tender),
            "item": item, "member": member}


def test_one_pass_closes_the_due_rounds_and_tenders_of_every_cooperative_only(due):
    output = run()
    due_round, elsewhere, later_round = due["rounds"]
    due_tender, later_tender = due["tenders"]
    assert [round_status(r) for r in due["rounds"]] == ["closed", "closed", "open"]
    assert (tender_status(due_tender), tender_status(later_tender)) == ("evaluation", "open")
    assert f"Closed round {due_round.pk} (maju): Kedelai jatuh tempo" in output
    assert f"Closed round {elsewhere.pk} (lain): Di koperasi lain" in output
    assert f"Tender {due_tender.pk} (maju) past its deadline" in output
    assert output.endswith("2 round(s) closed, 1 tender(s) to evaluation.\n")
    # The close is the real one: the member's share is fixed.
    with scopes_disabled():
        share = Share.objects.get(round_item=due["item"])
    assert (share.member_id, share.quantity) == (due["member"].pk, 100)


def test_a_second_pass_changes_nothing_and_quiet_prints_nothing(due):
    run()
    assert run() == "0 round(s) closed, 0 tender(s) to evaluation.\n"
    assert run("--quiet") == ""
    assert [round_status(r) for r in due["rounds"]] == ["closed", "closed", "open"]


def test_the_old_close_due_rounds_command_still_works(due):
    out = StringIO()
    call_command("close_due_rounds", stdout=out)
    assert "2 round(s) closed." in out.getvalue()
    # It closes rounds only; tenders are run_jobs' too.
    assert tender_status(due["tenders"][0]) == "open"


def test_a_failing_job_does_not_stop_the_others_and_the_pass_fails(due, monkeypatch):
    def broken():
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(purchasing_jobs, "close_due_rounds", broken)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="A scheduled job failed"):
        call_command("run_jobs", stdout=out, stderr=err)
    assert tender_status(due["tenders"][0]) == "evaluation"
    assert round_status(due["rounds"][0]) == "open"
    assert "Job close_due_rounds failed" in err.getvalue()
    assert "close_due_rounds failed, 1 tender(s) to evaluation." in out.getvalue()


def test_the_loop_runs_a_pass_each_interval_until_stopped(due, coop, board, monkeypatch):
    waits = []
    late_round, _ = soy_round(coop, board, title="Jatuh tempo di putaran kedua")

    def wait(self, stop, seconds):
        waits.append(seconds)
        if len(waits) == 1:
            past_due(late_round)  # falls due between the first and second pass
            return False
        return True  # stopped (SIGTERM) during the second wait

    monkeypatch.setattr(run_jobs.Command, "wait", wait)
    output = run("--loop", "60")
    assert waits == [60, 60]
    assert round_status(late_round) == "closed"
    assert output.count("Closed round") == 3
    assert "Kedelai jatuh tempo" in output and "Jatuh tempo di putaran kedua" in output
    # A pass with nothing to do is silent in a loop.
    assert "0 round(s) closed, 0 tender(s)" not in output
    assert output.rstrip().endswith("Scheduled jobs stopped.")


def test_the_loop_refuses_an_interval_below_a_second(db):
    with pytest.raises(CommandError, match="at least 1 second"):
        run("--loop", "0")
