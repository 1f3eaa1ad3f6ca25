"""What purchasing tells people: members when a round opens, a day before it closes,
when it closed (their own quantity and bill) and when goods came short (their new
quantity); suppliers when invited to a tender, when its terms change or its deadline
moves, and whether their bid won. Each told once, however often the job runs."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.jobs.tasks import run_job
from guyub.purchasing.models import Round
from guyub.purchasing.rounds import services
from guyub.purchasing.tenders import services as tenders
from guyub.testing.notices import inbox
from guyub.testing.purchase_pages import close_and_receive, commit, member_with_login, soy_round
from guyub.testing.tenders import bid, past_deadline, supplier_account, tender_world

pytestmark = pytest.mark.django_db


def move(round_, **fields):
    with scopes_disabled():
        Round.objects.filter(pk=round_.pk).update(**fields)


@pytest.fixture
def members(coop, make_user):
    sari, _ = member_with_login(coop, make_user, owner_name="Sari")
    joko, _ = member_with_login(coop, make_user, owner_name="Joko")
    return sari, joko


def test_members_are_told_once_when_a_round_opens_and_again_a_day_before_it_closes(
        coop, board, members, other_coop, make_user):
    outsider, _ = member_with_login(other_coop, make_user)
    round_, _item = soy_round(coop, board, title="Kedelai Juni")
    move(round_, closes_at=timezone.now() + dt.timedelta(days=3))
    run_job.apply(("remind_rounds",), task_id="a")
    run_job.apply(("remind_rounds",), task_id="b")
    for member in members:
        assert [n.topic for n in inbox(member.user)] == ["purchasing.round_opened"]
        assert "Kedelai Juni" in inbox(member.user)[0].text
        assert inbox(member.user)[0].link == f"/k/{coop.slug}/saya/pembelian/{round_.pk}/"
    assert inbox(outsider.user) == []
    move(round_, closes_at=timezone.now() + dt.timedelta(hours=20))
    run_job.apply(("remind_rounds",), task_id="c")
    run_job.apply(("remind_rounds",), task_id="d")
    assert [n.topic for n in inbox(members[0].user)] == [
        "purchasing.round_closing", "purchasing.round_opened"]


def test_a_round_closing_within_a_day_when_it_opens_sends_one_notice(coop, board, members):
    round_, _item = soy_round(coop, board)
    move(round_, closes_at=timezone.now() + dt.timedelta(hours=5))
    run_job.apply(("remind_rounds",), task_id="a")
    run_job.apply(("remind_rounds",), task_id="b")
    assert [n.topic for n in inbox(members[0].user)] == ["purchasing.round_opened"]


def test_a_round_not_yet_open_or_cancelled_tells_nobody(coop, board, members):
    later, _ = soy_round(coop, board)
    move(later, opens_at=timezone.now() + dt.timedelta(hours=2))
    called_off, _ = soy_round(coop, board)
    with scope(cooperative=coop):
        services.cancel_round(round_=called_off, actor=board, reason="Gudang banjir")
    run_job.apply(("remind_rounds",), task_id="a")
    assert inbox(members[0].user) == []


def test_at_the_close_each_member_is_told_their_own_quantity_and_bill(
        coop, board, members, django_capture_on_commit_callbacks):
    sari, joko = members
    round_, item = soy_round(coop, board, title="Kedelai Juni")
    commit(item, sari, 100)
    commit(item, joko, 50)
    with django_capture_on_commit_callbacks(execute=True), scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    (notice,) = inbox(sari.user)
    assert notice.topic == "purchasing.round_closed"
    assert "Kedelai impor 100 kg" in notice.text and "Rp" in notice.text
    assert "Kedelai impor 50 kg" in inbox(joko.user)[0].text
    # The task delivered again (a worker died before acknowledging it): nobody twice.
    from guyub.purchasing.tasks import notify_round_closed
    assert notify_round_closed.apply((round_.pk,)).get() == 0
    assert len(inbox(sari.user)) == 1


def test_goods_received_short_tell_the_members_whose_quantity_fell(
        coop, board, members, django_capture_on_commit_callbacks):
    sari, joko = members
    round_, item = soy_round(coop, board, title="Kedelai Juni")
    commit(item, sari, 100)
    commit(item, joko, 50)
    with django_capture_on_commit_callbacks(execute=True):
        close_and_receive(round_, board, received="100", note="Satu karung basah")
    short = [n for n in inbox(joko.user) if n.topic == "purchasing.goods_short"]
    assert len(short) == 1 and "50 kg" in short[0].text and "0 kg" in short[0].text
    assert not [n for n in inbox(sari.user) if n.topic == "purchasing.goods_short"]


def test_suppliers_hear_of_invitations_changed_terms_extensions_and_the_result(coop, board):
    world = tender_world(coop, board)
    tender, own, rival = world["tender"], world["tender_supplier"], world["tender_rival"]
    assert [n.topic for n in inbox(rival.user)] == ["purchasing.tender_invited"]
    assert "2.000 kg" in inbox(rival.user)[0].text
    late = supplier_account(coop, "UD Terlambat")
    with scope(cooperative=coop):
        tenders.change_terms(tender=tender, actor=board, add_suppliers=[late])
    assert [n.topic for n in inbox(late.user)] == ["purchasing.tender_invited"]
    # Terms changed less than a day before the deadline: the deadline moves too.
    from guyub.purchasing.models import Tender
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() + dt.timedelta(hours=2))
        tender.refresh_from_db()
    with scope(cooperative=coop):
        tenders.change_terms(tender=tender, actor=board, quantity=D(2500))
    topics = [n.topic for n in inbox(rival.user)]
    assert topics[:2] == ["purchasing.tender_extended", "purchasing.tender_terms_changed"] \
        or topics[:2] == ["purchasing.tender_terms_changed", "purchasing.tender_extended"]
    winning = bid(tender, rival)
    bid(tender, late, tiers=((0, 9900),))
    past_deadline(tender)
    with scope(cooperative=coop):
        tenders.award(bid=winning, reason="Harga terendah", actor=board)
    assert inbox(rival.user)[0].topic == "purchasing.tender_won"
    assert inbox(late.user)[0].topic == "purchasing.tender_lost"
    # The voided bid of the old terms is no bid on the awarded terms: no result for it.
    assert "purchasing.tender_lost" not in [n.topic for n in inbox(own.user)]


def test_bills_whose_task_was_lost_are_told_by_the_reminder_job(coop, board, members):
    sari, _joko = members
    round_, item = soy_round(coop, board, title="Kedelai Juni")
    commit(item, sari, 100)
    # No on-commit callbacks run here: the task that tells the bills is never sent.
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    assert inbox(sari.user) == []
    run_job.apply(("remind_rounds",), task_id="soon")
    assert inbox(sari.user) == []          # within the grace the task may still come
    move(round_, closed_at=timezone.now() - dt.timedelta(minutes=11))
    run_job.apply(("remind_rounds",), task_id="later")
    run_job.apply(("remind_rounds",), task_id="again")
    assert [n.topic for n in inbox(sari.user)] == ["purchasing.round_closed"]
    # The lost task turning up after all tells nobody twice.
    from guyub.purchasing.tasks import notify_round_closed
    assert notify_round_closed.apply((round_.pk,)).get() == 0


def test_a_broker_outage_at_the_close_is_no_error_for_the_one_who_closed(
        coop, board, members, django_capture_on_commit_callbacks, monkeypatch):
    from guyub.celery import app
    from guyub.testing.queue import broker

    round_, item = soy_round(coop, board)
    commit(item, members[0], 100)
    # A broker nobody answers at (a closed port), given up on quickly.
    monkeypatch.setitem(app.conf, "broker_connection_timeout", 1)
    monkeypatch.setitem(app.conf, "task_publish_retry_policy",
                        {"max_retries": 1, "interval_start": 0})
    with broker(app, "redis://127.0.0.1:9/0"), \
            django_capture_on_commit_callbacks(execute=True), scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "closed"
    assert inbox(members[0].user) == []    # told later by the reminder job's sweep
