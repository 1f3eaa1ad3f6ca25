"""An application tells the board and staff it arrived, and the applicant how it was
decided (guyub.notifications: inbox and e-mail, through a real SMTP server)."""

import datetime as dt

import pytest

from guyub.core.roles import Role
from guyub.notifications.models import Notice

from .helpers import PASSWORD, members_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(form_data):
    return {**form_data, "email": "sri@contoh.id", "password1": PASSWORD,
            "password2": PASSWORD}


def _applicant(coop):
    [member] = [m for m in members_of(coop) if m.status == "applicant"]
    return member


def test_board_and_staff_hear_of_an_application(client, coop, board, make_user, application,
                                                smtp_inbox, django_capture_on_commit_callbacks):
    staff = make_user(coop, Role.STAFF)
    supervisor = make_user(coop, Role.SUPERVISOR)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("apply", coop), application)
    told = set(Notice.objects.filter(topic="members.application_received")
               .values_list("user_id", flat=True))
    assert told == {board.pk, staff.pk}
    assert supervisor.pk not in told
    assert sorted(r for m in smtp_inbox for r in m.recipients) == sorted(
        [board.email, staff.email])
    notice = Notice.objects.filter(user=board).get()
    assert notice.link == f"/k/{coop.slug}/permohonan/"


@pytest.mark.parametrize("decision, topic, words", [
    ("active", "members.application_approved", "disetujui. Nomor anggota Anda: 1."),
    ("rejected", "members.application_rejected", "ditolak. Alasan: NIB belum ada"),
])
def test_the_applicant_hears_the_decision(client, coop, board, application, smtp_inbox,
                                          django_capture_on_commit_callbacks,
                                          decision, topic, words):
    client.post(url("apply", coop), application)
    member = _applicant(coop)
    client.force_login(board)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("status", coop, member.pk, decision),
                    {"date": dt.date.today().isoformat(), "reason": "NIB belum ada"})
    notice = Notice.objects.get(topic=topic)
    assert notice.user_id == member.user_id
    # Approval also records the simpanan pokok, which brings its own receipt notice.
    bodies = [m.get_body(preferencelist=("plain",)).get_content() for m in smtp_inbox
              if "sri@contoh.id" in m.recipients]
    assert len([b for b in bodies if words in b]) == 1
