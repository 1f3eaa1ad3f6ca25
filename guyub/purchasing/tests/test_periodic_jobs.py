"""Purchasing's periodic jobs on the task queue: the scheduled run closes the due
purchase rounds and moves the due tenders to evaluation in every cooperative, and
nothing else; delivered twice or run again it changes nothing; a round that cannot
close is a failed line of its own cooperative and the others still close;
`manage.py run_jobs` runs them once, now."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.core.jobs.models import JobRun, JobRunLine
from guyub.core.jobs.tasks import run_job
from guyub.core.models import AuditLog
from guyub.purchasing.models import Round, Share, Tender
from guyub.purchasing.rounds import services as round_services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, soy_round
from guyub.testing.tenders import tender_world

pytestmark = pytest.mark.django_db
PAST = dt.timedelta(minutes=1)


def run(*args) -> str:
    out = StringIO()
    call_command("run_jobs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def lines(run_) -> list[tuple[str, bool]]:
    with scopes_disabled():
        return [(line.cooperative.slug, line.text, line.failed)
                for line in JobRunLine.objects.filter(run=run_).select_related("cooperative")]


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


def test_the_scheduled_runs_close_what_is_due_in_every_cooperative_only(due):
    assert run_job.apply(("close_due_rounds",), task_id="r-1").get() == 2
    assert run_job.apply(("close_due_tenders",), task_id="t-1").get() == 1
    due_tender, later_tender = due["tenders"]
    assert [round_status(r) for r in due["rounds"]] == ["closed", "closed", "open"]
    assert (tender_status(due_tender), tender_status(later_tender)) == ("evaluation", "open")
    assert sorted(lines(JobRun.objects.get(task_id="r-1"))) == [
        ("lain", "Putaran ditutup: Di koperasi lain", False),
        ("maju", "Putaran ditutup: Kedelai jatuh tempo", False)]
    assert lines(JobRun.objects.get(task_id="t-1")) == [
        ("maju", f"Tender {due_tender.item.name} melewati tenggat, kini dievaluasi", False)]
    # The close is the real one: the member's share is fixed.
    with scopes_disabled():
        share = Share.objects.get(round_item=due["item"])
    assert (share.member_id, share.quantity) == (due["member"].pk, 100)


@pytest.mark.parametrize("job", ["close_due_rounds", "close_due_tenders"])
def test_each_job_delivered_twice_or_run_again_changes_nothing(due, job):
    run_job.apply((job,), task_id="first")
    before = ([round_status(r) for r in due["rounds"]],
              [tender_status(t) for t in due["tenders"]])
    with scopes_disabled():
        audit_before = AuditLog.objects.count()
    assert run_job.apply((job,), task_id="first").get() == 0    # the same delivery
    assert run_job.apply((job,), task_id="second").get() == 0   # the next minute's run
    assert ([round_status(r) for r in due["rounds"]],
            [tender_status(t) for t in due["tenders"]]) == before
    with scopes_disabled():
        assert AuditLog.objects.count() == audit_before
    assert lines(JobRun.objects.get(task_id="second")) == []


def test_a_round_that_cannot_close_fails_in_its_cooperative_and_the_rest_close(
        due, monkeypatch):
    real_close = round_services.close_round

    def close(*, round_, **kwargs):
        if round_.title == "Kedelai jatuh tempo":
            raise RuntimeError("gudang tidak menjawab")
        return real_close(round_=round_, **kwargs)

    monkeypatch.setattr(round_services, "close_round", close)
    assert run_job.apply(("close_due_rounds",), task_id="r-1").failed()
    run_ = JobRun.objects.get(task_id="r-1")
    assert run_.status == "failed" and "gudang tidak menjawab" in run_.error
    assert sorted(lines(run_)) == [
        ("lain", "Putaran ditutup: Di koperasi lain", False),
        ("maju", "Putaran Kedelai jatuh tempo gagal ditutup: "
                 "RuntimeError: gudang tidak menjawab", True)]
    assert [round_status(r) for r in due["rounds"]] == ["open", "closed", "open"]


def test_run_jobs_runs_every_job_once_now_and_records_it(due):
    output = run()
    assert "Putaran ditutup: Kedelai jatuh tempo" in output
    assert "close_due_rounds: 2 done." in output and "close_due_tenders: 1 done." in output
    assert [round_status(r) for r in due["rounds"]] == ["closed", "closed", "open"]
    assert set(JobRun.objects.values_list("job", "status")) == {
        ("close_due_rounds", "ok"), ("close_due_tenders", "ok"),
        ("refresh_sales_summaries", "ok")}
    assert "close_due_rounds: 0 done." in run("close_due_rounds")


def test_run_jobs_refuses_an_unknown_job(db):
    with pytest.raises(CommandError, match="Unknown job"):
        run("close_everything")
