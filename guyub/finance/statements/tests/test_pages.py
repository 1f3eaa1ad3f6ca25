"""The finance pages: the home with the board's ratios, each statement with the previous
year beside it, a line's accounts linked to the ledger, and the years with nothing to
show. Every officer reads them, the pengawas too, and none of them changes anything."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.statements.position import position
from guyub.finance.statements.selectors import books_for
from guyub.testing.finance_fa import D, books_world, business_year, this_year

pytestmark = pytest.mark.django_db
STATEMENTS = ("posisi-keuangan", "hasil-usaha", "perubahan-ekuitas", "arus-kas", "catatan")


@pytest.fixture
def world(coop):
    return books_world(coop)


@pytest.fixture
def as_role(coop, make_user):
    def login(role):
        client = Client()
        client.force_login(make_user(coop, role))
        return client

    return login


def _url(coop, tail):
    return f"/k/{coop.slug}/keuangan/{tail}"


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main"):]


def test_the_pengawas_reads_every_page_and_is_offered_nothing_to_change(coop, world, as_role):
    client = as_role(Role.SUPERVISOR)
    year = world["now"]
    pages = ["", *(f"laporan/{year}/{s}/" for s in STATEMENTS),
             f"laporan/{year}/posisi-keuangan/kas-bank/"]
    for tail in pages:
        response = client.get(_url(coop, tail))
        assert response.status_code == 200, tail
        assert 'method="post"' not in _main(response), tail
    assert client.post(_url(coop, f"laporan/{year}/posisi-keuangan/")).status_code == 405
    for tail in ("laporan-keuangan.pdf", "laporan-keuangan.xlsx"):
        assert client.get(_url(coop, f"laporan/{year}/{tail}")).status_code == 200


def test_a_member_does_not_see_the_cooperatives_statements(coop, world, as_role):
    client = as_role(Role.MEMBER)
    assert client.get(_url(coop, "")).status_code == 403
    assert client.get(_url(coop, f"laporan/{world['now']}/hasil-usaha/")).status_code == 403


def test_a_statement_shows_the_year_and_the_previous_year_beside_it(coop, world, board_client):
    response = board_client.get(_url(coop, f"laporan/{world['now']}/hasil-usaha/"))
    html = _main(response)
    assert f"Tahun {world['now']}" in html and f"Tahun {world['last']}" in html
    row = re.search(r'data-line="non-anggota">(.*?)</tr>', html, re.S).group(1)
    # This year (scale 2) and last year: sales and asset fees from non-members.
    assert re.findall(r"Rp[\d.]+", row) == ["Rp6.200.000", "Rp3.100.000"]
    assert "SHU bagian non-anggota" in html


def test_a_line_drills_down_to_its_accounts_and_their_journal_lines(coop, world, board_client):
    year = world["now"]
    response = board_client.get(_url(coop, f"laporan/{year}/hasil-usaha/partisipasi-anggota/"))
    assert response.status_code == 200
    line = response.context["line"]
    assert {p.account.role for p in line.parts} == {
        "income_members", "income_commission", "loan_interest", "asset_fees_members"}
    assert sum(p.values[0] for p in line.parts) == line.values[0]
    statement = board_client.get(_url(coop, f"laporan/{year}/hasil-usaha/"))
    on_statement = next(r for r in statement.context["statement"].rows
                        if r.key == "partisipasi-anggota")
    assert on_statement.values == line.values
    # Each account links to its ledger for the year (a movement: from 1 January).
    html = _main(response)
    income = next(p.account for p in line.parts if p.account.role == "income_members")
    link = f"/k/{coop.slug}/buku-besar/akun/{income.pk}/?start={year}-01-01&amp;end={year}-12-31"
    assert link in html
    ledger = board_client.get(link.replace("&amp;", "&"))
    assert ledger.status_code == 200
    assert len(ledger.context["rows"]) == 1  # this year's one sale to members


def test_the_home_shows_the_boards_ratios_for_both_years(coop, world, board_client):
    response = board_client.get(_url(coop, f"?tahun={world['now']}"))
    ratios = {r.key: r for r in response.context["ratios"]}
    with scope(cooperative=coop):
        pos = position(books_for(coop, world["now"]))
    assets, current_liabilities = (pos.row("jumlah-aset-lancar").values,
                                   pos.row("jumlah-kewajiban-lancar").values)
    for column in (0, 1):
        assert ratios["likuiditas"].values[column] == \
            (assets[column] / current_liabilities[column]).quantize(D("0.01"))
    assert set(ratios) == {"likuiditas", "solvabilitas", "utang-ekuitas", "roa", "roe"}
    html = _main(response)
    assert "Rasio lancar" in html or "rasio lancar" in html
    assert 'id="finance-cards"' in html


@pytest.mark.parametrize("tahun", ["", "abc", "1800", "-1", "99999999999999999999"])
def test_the_home_ignores_a_year_it_does_not_offer(coop, world, board_client, tahun):
    response = board_client.get(_url(coop, ""), {"tahun": tahun})
    assert response.status_code == 200
    assert response.context["year"] == this_year()


def test_years_without_books_say_so(coop, world, board_client, other_coop, make_user):
    future = board_client.get(_url(coop, f"laporan/{world['now'] + 1}/posisi-keuangan/"))
    assert "belum dimulai" in _main(future)
    before = board_client.get(_url(coop, f"laporan/{world['last'] - 1}/arus-kas/"))
    assert f"dimulai tahun {world['last']}" in _main(before)
    for tail in ("laporan-keuangan.pdf", "laporan-keuangan.xlsx", "hasil-usaha/shu/"):
        response = board_client.get(_url(coop, f"laporan/{world['now'] + 1}/{tail}"))
        assert response.status_code == 200 and "belum dimulai" in _main(response)
    empty = Client()
    empty.force_login(make_user(other_coop, Role.BOARD))
    response = empty.get(f"/k/{other_coop.slug}/keuangan/")
    assert "Belum ada transaksi" in _main(response)


@pytest.mark.parametrize("tail", [
    "laporan/abc/posisi-keuangan/", "laporan/0/posisi-keuangan/",
    "laporan/99999/posisi-keuangan/", "laporan/2025/neraca/", "laporan/2025/catatan/shu/",
    "laporan/99999/laporan-keuangan.pdf",
])
def test_a_junk_address_is_not_found(coop, board_client, tail):
    assert board_client.get(_url(coop, tail)).status_code == 404


def test_an_unknown_line_is_not_found(coop, world, board_client):
    response = board_client.get(_url(coop, f"laporan/{world['now']}/posisi-keuangan/nope/"))
    assert response.status_code == 404


def test_a_statement_costs_the_same_queries_however_many_lines(coop, world, board_client):
    url = _url(coop, f"laporan/{world['now']}/perubahan-ekuitas/")
    board_client.get(url)
    with CaptureQueriesContext(connection) as few:
        board_client.get(url)
    business_year(coop, world["last"], world["member"], scale=3)
    with CaptureQueriesContext(connection) as more:
        board_client.get(url)
    assert len(more) == len(few)


def test_an_english_reader_gets_every_statement_line_in_english(coop, world, as_role):
    # The lines are defined at import (gettext_lazy as _l): the catalogue must hold them.
    from django.conf import settings

    client = as_role(Role.SUPERVISOR)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    year = world["now"]
    position_page = _main(client.get(_url(coop, f"laporan/{year}/posisi-keuangan/")))
    cash_page = _main(client.get(_url(coop, f"laporan/{year}/arus-kas/")))
    assert "Cash and bank" in position_page and "Trade receivables" in position_page
    assert "Kas dan bank<" not in position_page and "Piutang usaha<" not in position_page
    assert "Change in inventory" in cash_page and "Perubahan persediaan" not in cash_page
