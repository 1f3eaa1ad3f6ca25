"""/api/v1/cooperatives/<slug>/finance/statements/<year>: the statements the pages show,
as JSON, for officers and the pengawas; a year the books do not have is a 404 with its
reason; a member's token or another cooperative's reads nothing."""

from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope

from guyub.core.roles import Role
from guyub.core.services import issue_token
from guyub.finance.statements.position import position
from guyub.finance.statements.selectors import books_for
from guyub.testing.finance_fa import books_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coop):
    return books_world(coop)


def bearer(coop, user):
    with scope(cooperative=coop):
        _token, key = issue_token(cooperative=coop, actor=user, user=user, name="Akuntansi")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def url(coop, year):
    return f"/api/v1/cooperatives/{coop.slug}/finance/statements/{year}"


def test_the_pengawas_reads_the_statements_the_page_shows(coop, world, make_user):
    client = bearer(coop, make_user(coop, Role.SUPERVISOR))
    response = client.get(url(coop, world["now"]))

    assert response.status_code == 200
    body = response.json()
    assert (body["year"], body["previous"]) == (world["now"], world["last"])
    assert [s["key"] for s in body["statements"]] == [
        "posisi-keuangan", "hasil-usaha", "perubahan-ekuitas", "arus-kas"]
    rows = {r["key"]: r["values"] for r in body["statements"][0]["rows"] if r["key"]}
    with scope(cooperative=coop):
        page = position(books_for(coop, world["now"]))
    assert [str(v) for v in page.row("jumlah-aset").values] == rows["jumlah-aset"]
    # Assets = liabilities + equity, in both columns, as JSON strings of whole rupiah.
    for column in (0, 1):
        assert int(rows["jumlah-aset"][column]) == (
            int(rows["jumlah-kewajiban"][column]) + int(rows["jumlah-ekuitas"][column]))
    assert int(rows["jumlah-aset"][0]) > 0
    ratios = {r["key"]: r for r in body["ratios"]}
    assert set(ratios) == {"likuiditas", "solvabilitas", "utang-ekuitas", "roa", "roe"}
    assert ratios["roa"]["percent"] and not ratios["likuiditas"]["percent"]
    solvency = ratios["solvabilitas"]["values"][0]
    assert solvency is None or Decimal(solvency) > 0


def test_a_year_the_books_do_not_have_is_a_404_with_its_reason(coop, world, board):
    client = bearer(coop, board)
    early = client.get(url(coop, 1999))
    assert early.status_code == 404 and "dimulai tahun" in early.json()["detail"]
    future = client.get(url(coop, world["now"] + 1))
    assert future.status_code == 404 and "belum dimulai" in future.json()["detail"]
    assert client.get(url(coop, 99999)).status_code == 404


def test_a_member_and_another_cooperative_read_nothing(coop, other_coop, world, make_user):
    assert bearer(coop, make_user(coop, Role.MEMBER)).get(
        url(coop, world["now"])).status_code == 403
    outsider = bearer(other_coop, make_user(other_coop, Role.BOARD))
    assert outsider.get(url(coop, world["now"])).status_code == 404
