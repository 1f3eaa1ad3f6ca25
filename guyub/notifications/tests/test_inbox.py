"""The inbox: a user's own notices across their cooperatives, newest first; opening
one marks it read and follows its link; the header's badge counts the unread. One
user never sees, opens or marks another's notice."""

import pytest
from django.test import Client

from guyub.notifications.models import Notice
from guyub.notifications.services import notify, save_preferences

pytestmark = pytest.mark.django_db


def _tell(coop, users, n, link="/k/maju/permohonan/"):
    return notify(cooperative=coop, topic="members.application_received",
                  event_id=f"member.applied:{n}", recipients=users, link=link,
                  params={"name": f"Pemohon {n}", "business": f"Usaha {n}"})


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two(coop, other_coop, make_user):
    """Ani (board here and in the other cooperative) and Budi (staff here)."""
    ani = make_user(coop, "board")
    from guyub.testing.factories import CoopRoleFactory
    CoopRoleFactory(user=ani, cooperative=other_coop, role="board")
    budi = make_user(coop, "staff")
    return ani, budi


def test_the_inbox_lists_ones_own_notices_across_cooperatives_newest_first(
        coop, other_coop, two):
    ani, budi = two
    _tell(coop, [ani, budi], 1)
    _tell(other_coop, [ani], 2, link="/k/lain/permohonan/")
    _tell(coop, [budi], 3)
    page = _client(ani).get("/notifikasi/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Pemohon 2") < html.index("Pemohon 1")   # newest first
    assert other_coop.name in html and coop.name in html
    assert "Pemohon 3" not in html                              # Budi's alone


def test_the_inbox_pages(coop, two):
    ani, _budi = two
    for n in range(35):
        _tell(coop, [ani], n)
    first = _client(ani).get("/notifikasi/").content.decode()
    second = _client(ani).get("/notifikasi/?page=2").content.decode()
    assert first.count('class="notice unread"') == 30
    assert second.count('class="notice unread"') == 5
    assert "Pemohon 34" in first and "Pemohon 0" in second


def test_opening_a_notice_marks_it_read_and_follows_its_link(coop, two):
    ani, budi = two
    _tell(coop, [ani, budi], 1)
    mine = Notice.objects.get(user=ani)
    response = _client(ani).get(f"/notifikasi/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == "/k/maju/permohonan/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notice.objects.get(user=budi).read_at is None


def test_another_users_notice_does_not_open_and_stays_unread(coop, two):
    ani, budi = two
    _tell(coop, [budi], 1)
    theirs = Notice.objects.get(user=budi)
    assert _client(ani).get(f"/notifikasi/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_is_a_post_and_touches_only_ones_own(coop, two):
    ani, budi = two
    _tell(coop, [ani, budi], 1)
    _tell(coop, [ani, budi], 2)
    client = _client(ani)
    assert client.get("/notifikasi/baca-semua/").status_code == 405
    assert client.post("/notifikasi/baca-semua/").status_code == 302
    assert not Notice.objects.filter(user=ani, read_at__isnull=True).exists()
    assert Notice.objects.filter(user=budi, read_at__isnull=True).count() == 2


def test_the_header_loads_the_unread_badge(coop, two, django_assert_num_queries):
    ani, budi = two
    _tell(coop, [ani], 1)
    _tell(coop, [ani], 2)
    _tell(coop, [budi], 3)
    client = _client(ani)
    home = client.get("/notifikasi/pengaturan/").content.decode()
    assert 'hx-get="/notifikasi/jumlah/"' in home and 'href="/notifikasi/"' in home
    client.get("/notifikasi/jumlah/")   # the session is loaded once
    with django_assert_num_queries(3):   # session, user, the one count
        badge = client.get("/notifikasi/jumlah/").content.decode()
    assert '<span class="badge unread-count"' in badge and ">2</span>" in badge
    client.post("/notifikasi/baca-semua/")
    assert client.get("/notifikasi/jumlah/").content.decode().strip() == ""


def test_the_inbox_pages_need_a_login(coop, two):
    for url in ("/notifikasi/", "/notifikasi/1/", "/notifikasi/jumlah/",
                "/notifikasi/pengaturan/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/masuk/" in response["Location"], url


def test_the_inbox_reads_in_the_pages_language(coop, two):
    ani, _budi = two
    save_preferences(user=ani, language="en", whatsapp="", channels={})
    _tell(coop, [ani], 1)
    client = _client(ani)
    client.cookies["django_language"] = "en"
    html = client.get("/notifikasi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pemohon 1 (Usaha 1) applied for membership." in html
