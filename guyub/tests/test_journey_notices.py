"""Browser journey in headless Chromium, the background at work: a purchase round's
closing time passes and a real Celery worker (on the embedded SQLite broker, as
`make run` runs it) closes it when the scheduler sends the job; the member sees the
unread badge on her phone, opens the notice and follows it to her bill; the board
sees the closing job's run on the jobs page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.celery import app
from guyub.core.jobs.models import JobRun
from guyub.core.jobs.tasks import run_job
from guyub.core.roles import Role
from guyub.notifications.models import Notice
from guyub.purchasing.models import Round
from guyub.testing.browser import signed_in as browser_signed_in
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory
from guyub.testing.purchase_pages import commit, soy_round
from guyub.testing.queue import broker_url, threaded_worker, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def signed_in(browser, base, username, **viewport):
    return browser_signed_in(browser, base, username, PASSWORD, home=r"/k/tahu/", **viewport)


@pytest.fixture
def due_round(db):
    coop = CooperativeFactory(name="Koperasi Produsen Tahu Tempe Sleman", slug="tahu")
    board = UserFactory(username="ketua@tahu.id", first_name="Pak Harto")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    sari_login = UserFactory(username="sari@tahu.id", first_name="Sari")
    CoopRoleFactory(user=sari_login, cooperative=coop, role=Role.MEMBER)
    sari = MemberFactory(cooperative=coop, user=sari_login, owner_name="Sari Handayani")
    round_, item = soy_round(coop, board, title="Kedelai Juni")
    commit(item, sari, 150)
    with scopes_disabled():
        Round.objects.filter(pk=round_.pk).update(
            closes_at=timezone.now() - dt.timedelta(minutes=1))
    return {"coop": coop, "round": round_, "sari": sari}


def test_a_round_closes_in_the_background_and_the_member_follows_the_notice_to_her_bill(
        live_server, browser, due_round, tmp_path):
    base, round_ = live_server.url, due_round["round"]
    with threaded_worker(app, broker_url("sqlite", tmp_path)):
        # What celery beat sends every minute.
        run_job.apply_async(("close_due_rounds",), task_id="beat-close-1")
        wait_for(lambda: JobRun.objects.filter(task_id="beat-close-1", status="ok").exists())
        # The bills go out from the worker too, after the close has committed.
        wait_for(lambda: Notice.objects.filter(topic="purchasing.round_closed").exists())
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "closed"

    sari = signed_in(browser, base, "sari@tahu.id", width=360, height=780)
    sari.wait_for_selector("header .unread-count")
    assert sari.inner_text("header .unread-count") == "1"
    assert sari.evaluate("document.documentElement.scrollWidth") <= 360
    sari.click("header a.bell")
    notice = sari.inner_text("ul.notices li.unread")
    assert "Kedelai Juni ditutup" in notice and "Kedelai impor 150 kg" in notice
    total = re.search(r"Tagihan: (Rp\d[\d.]*\d)", notice).group(1)
    sari.screenshot(path="/tmp/journey_notice_inbox_360.png", full_page=True)
    sari.click("ul.notices li.unread a")
    sari.wait_for_url(f"{base}/k/tahu/saya/pembelian/{round_.pk}/")
    bill = sari.inner_text("#my-bill")
    assert "150 kg" in bill and total in bill
    assert sari.locator("header .unread-count").count() == 0   # read now
    sari.screenshot(path="/tmp/journey_notice_bill_360.png", full_page=True)

    board = signed_in(browser, base, "ketua@tahu.id")
    board.goto(f"{base}/k/tahu/tugas/")
    row = board.inner_text("tr.job[data-job=close_due_rounds]")
    assert "Berhasil" in row
    assert "Putaran ditutup: Kedelai Juni" in board.inner_text("table.job-activity")
    board.screenshot(path="/tmp/journey_jobs_1280.png", full_page=True)
    with scope(cooperative=due_round["coop"]):
        assert Notice.objects.filter(user=due_round["sari"].user).count() == 1
