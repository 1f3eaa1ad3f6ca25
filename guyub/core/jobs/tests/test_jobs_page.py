"""The jobs page: officers see each job's last run, its result and its last failure,
and what the runs did in their own cooperative only; board and staff run a job now."""

import pytest
from django_scopes import scope

from guyub.core.jobs.models import JobRun
from guyub.core.jobs.tasks import run_job
from guyub.core.models import AuditLog
from guyub.core.roles import Role

pytestmark = pytest.mark.django_db


def page(client, coop) -> str:
    response = client.get(f"/k/{coop.slug}/tugas/")
    assert response.status_code == 200
    return response.content.decode()


def test_officers_see_the_last_run_and_only_their_cooperatives_lines(
        fake_job, coop, other_coop, board_client):
    fake_job.due = [(coop.pk, "putaran Kedelai"), (other_coop.pk, "putaran Rahasia")]
    run_job.apply(("pretend",), task_id="t-1")
    html = page(board_client, coop)
    assert "Tugas pura-pura" in html and "*/5 * * * *" in html
    assert "Berhasil" in html
    assert "dikerjakan: putaran Kedelai" in html
    assert "Rahasia" not in html


def test_a_failure_shows_with_its_reason(fake_job, coop, board_client):
    fake_job.fail_with = RuntimeError("server surel mati")
    run_job.apply(("pretend",), task_id="t-1")
    html = page(board_client, coop)
    # A scheduled run served every cooperative: its message stays in the worker's log.
    assert "Gagal" in html and "RuntimeError (rinciannya ada di log pekerja)" in html
    assert "server surel mati" not in html


def test_a_failure_in_another_cooperative_is_not_shown_here(
        fake_job, coop, other_coop, board_client):
    fake_job.due = [(coop.pk, "putaran Kedelai"), (other_coop.pk, "putaran Rahasia")]
    fake_job.cannot = {"putaran Rahasia"}
    run_job.apply(("pretend",), task_id="t-1")
    html = page(board_client, coop)
    assert "Rahasia" not in html and "Gagal" not in html
    assert "Berhasil" in html and "dikerjakan: putaran Kedelai" in html


def test_a_failure_in_this_cooperative_shows_its_reason(fake_job, coop, board_client):
    fake_job.due = [(coop.pk, "putaran Kedelai")]
    fake_job.cannot = {"putaran Kedelai"}
    run_job.apply(("pretend",), task_id="t-1")
    html = page(board_client, coop)
    assert "Gagal" in html and html.count("gagal: putaran Kedelai") == 2


def test_board_runs_a_job_now_for_its_cooperative(
        fake_job, coop, other_coop, board, board_client, django_capture_on_commit_callbacks):
    fake_job.due = [(coop.pk, "putaran Kedelai"), (other_coop.pk, "putaran Lain")]
    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(f"/k/{coop.slug}/tugas/pretend/jalankan/")
    assert response["Location"] == f"/k/{coop.slug}/tugas/"
    html = page(board_client, coop)
    assert "dijalankan untuk koperasi ini" in html
    assert "dikerjakan: putaran Kedelai" in html
    run = JobRun.objects.get()
    assert (run.cooperative_id, run.started_by_id, run.status) == (coop.pk, board.pk, "ok")
    assert fake_job.due == [(other_coop.pk, "putaran Lain")]
    with scope(cooperative=coop):
        assert AuditLog.objects.filter(action="job.run", actor=board).count() == 1


def test_a_supervisor_sees_the_jobs_but_no_run_button(fake_job, client, coop, make_user):
    client.force_login(make_user(coop, Role.SUPERVISOR))
    html = page(client, coop)
    assert "Tugas pura-pura" in html and "Jalankan sekarang" not in html
    assert client.post(f"/k/{coop.slug}/tugas/pretend/jalankan/").status_code == 403


def test_an_unknown_job_or_a_get_is_refused_and_runs_nothing(fake_job, coop, board_client):
    assert board_client.post(f"/k/{coop.slug}/tugas/tidak-ada/jalankan/").status_code == 404
    assert board_client.get(f"/k/{coop.slug}/tugas/pretend/jalankan/").status_code == 405
    assert JobRun.objects.count() == 0 and fake_job.calls == []


def test_a_run_asked_for_while_the_queue_is_down_says_so_on_the_page(
        fake_job, coop, board_client, monkeypatch, django_capture_on_commit_callbacks):
    from guyub.celery import app
    from guyub.testing.queue import broker

    monkeypatch.setitem(app.conf, "broker_connection_timeout", 1)
    monkeypatch.setitem(app.conf, "task_publish_retry_policy",
                        {"max_retries": 1, "interval_start": 0})
    with broker(app, "redis://127.0.0.1:9/0"), \
            django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(f"/k/{coop.slug}/tugas/pretend/jalankan/")
    assert response.status_code == 302
    run = JobRun.objects.get()
    assert run.status == "failed" and run.error.startswith("Antrean tugas tidak dapat dihubungi")
    assert "Antrean tugas tidak dapat dihubungi" in page(board_client, coop)
    assert fake_job.calls == []
