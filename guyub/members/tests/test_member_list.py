"""The member register: search, filters, pages, the query count."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guyub.members.models import Member

from .helpers import listed, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q, names", [
    ("citra", ["Citra Lestari"]),
    ("  BATIK tulis ", ["Budi Hartono"]),  # business name, any case, spaces around
    ("3471022002750002", ["Budi Hartono"]),  # NIK
    ("A-00003", ["Citra Lestari"]),  # member number as printed on the card
    ("a-00003", ["Citra Lestari"]),
    ("3", ["Citra Lestari"]),  # member number as people say it
    ("00003", ["Citra Lestari"]),
    ("5", ["Eko Prasetyo"]),
    ("0813-9876-5432", ["Citra Lestari"]),  # phone typed the way it is dialled
    ("081398765432", ["Citra Lestari"]),
    ("+6281398765432", ["Citra Lestari"]),
    ("Zaenal", []),
    ("²", []),  # passes str.isdigit() but is no number: must not crash the page
])
def test_the_member_list_finds_members_the_way_people_search(board_client, coop, register,
                                                            q, names):
    response = board_client.get(url("list", coop), {"q": q})
    assert response.status_code == 200
    assert listed(response) == names


def test_a_search_with_no_match_says_so(board_client, coop, register):
    response = board_client.get(url("list", coop), {"q": "Zaenal"})
    assert "Tidak ada anggota yang cocok." in response.content.decode()


def test_the_member_list_filters_by_status_scale_sector_and_province(board_client, coop,
                                                                    make_member):
    make_member(owner_name="Aktif Mikro", sector="kopi", province="34",
                business_capital=Decimal("50000000"), annual_sales=Decimal("300000000"))
    make_member(owner_name="Aktif Kecil Bali", sector="kerajinan", province="51",
                business_capital=Decimal("2000000000"), annual_sales=None)
    make_member(owner_name="Sudah Keluar", sector="kopi", province="34",
                status=Member.Status.EXITED)
    make_member(owner_name="Masih Pemohon", sector="kopi", status=Member.Status.APPLICANT)
    make_member(owner_name="Ditolak", sector="kopi", status=Member.Status.REJECTED,
                number=None)

    def names(**filters):
        return listed(board_client.get(url("list", coop), filters))

    # Applicants and rejected applications live on the applications page.
    assert names() == ["Aktif Mikro", "Aktif Kecil Bali", "Sudah Keluar"]
    assert names(status="exited") == ["Sudah Keluar"]
    assert names(status="applicant") == ["Masih Pemohon"]
    assert names(scale="kecil") == ["Aktif Kecil Bali"]
    assert names(sector="kopi") == ["Aktif Mikro", "Sudah Keluar"]
    assert names(province="51") == ["Aktif Kecil Bali"]
    assert names(sector="kopi", status="active") == ["Aktif Mikro"]
    assert names(regency="slem") == ["Aktif Mikro", "Aktif Kecil Bali", "Sudah Keluar"]


def test_an_unknown_filter_value_is_ignored_not_an_error(board_client, coop, register):
    response = board_client.get(url("list", coop), {"status": "hacked", "province": "99"})
    assert response.status_code == 200
    assert len(listed(response)) == 5


def test_the_member_list_pages_by_25_and_keeps_the_filters(board_client, coop, make_member):
    for i in range(30):
        make_member(owner_name=f"Anggota {i:02d}", sector="kopi")
    make_member(owner_name="Bukan Kopi", sector="batik")

    first = board_client.get(url("list", coop), {"sector": "kopi"})
    second = board_client.get(url("list", coop), {"sector": "kopi", "page": 2})
    assert listed(first) == [f"Anggota {i:02d}" for i in range(25)]
    assert listed(second) == [f"Anggota {i:02d}" for i in range(25, 30)]
    assert "?sector=kopi&amp;page=2" in first.content.decode()
    # "Ekspor .xlsx" exports what the page shows.
    assert f'href="{url("export", coop)}?sector=kopi"' in first.content.decode()
    assert "30 anggota" in first.content.decode()
    # A page number past the end shows the last page rather than an error.
    assert listed(board_client.get(url("list", coop), {"sector": "kopi", "page": 99})) == \
        listed(second)


def test_an_htmx_request_gets_only_the_table(board_client, coop, register):
    response = board_client.get(url("list", coop), {"q": "citra"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<nav class=\"mainnav\"" not in html
    assert "<table" in html and "Citra Lestari" in html and "Agus Salim" not in html


def test_a_plain_request_gets_the_whole_page(board_client, coop, register):
    html = board_client.get(url("list", coop)).content.decode()
    assert "<html" in html and 'id="member-filters"' in html and "Agus Salim" in html


def test_the_member_list_makes_as_many_queries_for_60_members_as_for_5(board_client, coop,
                                                                      make_member):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = board_client.get(url("list", coop))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(listed(response))

    for _ in range(5):
        make_member()
    few, shown_few = queries()
    for _ in range(55):
        make_member()
    many, shown_many = queries()
    assert (shown_few, shown_many) == (5, 25)
    assert many == few
