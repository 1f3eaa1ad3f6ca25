"""The statements as one PDF (every statement and the notes) and as one workbook (a
sheet per statement, the figures as numbers)."""

import io

import pytest
from django_scopes import scope
from openpyxl import load_workbook

from guyub.finance.statements.catalogue import build_all
from guyub.finance.statements.selectors import books_for
from guyub.testing.finance_fa import books_world

pytestmark = pytest.mark.django_db
TITLES = ["Laporan Posisi Keuangan", "Laporan Hasil Usaha", "Laporan Perubahan Ekuitas",
          "Laporan Arus Kas"]


@pytest.fixture
def world(coop):
    return books_world(coop)


def test_the_pdf_holds_every_statement_and_the_notes(coop, world, board_client, rendered):
    response = board_client.get(
        f"/k/{coop.slug}/keuangan/laporan/{world['now']}/laporan-keuangan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = rendered[-1]
    for title in [*TITLES, "Catatan atas Laporan Keuangan", "Kebijakan", "SAK EP"]:
        assert title in html, title
    assert f"31 Desember {world['last']}" in html          # the previous year beside
    assert "Rp6.200.000" in html                          # this year's non-member income


def test_the_workbook_has_a_sheet_per_statement_with_its_figures(coop, world, board_client):
    response = board_client.get(
        f"/k/{coop.slug}/keuangan/laporan/{world['now']}/laporan-keuangan.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [*TITLES, "Catatan"]
    with scope(cooperative=coop):
        statements = build_all(books_for(coop, world["now"]))
    for statement in statements:
        sheet = workbook[statement.title]
        on_sheet = [r[:1 + len(statement.columns)]
                    for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] is not None]
        assert on_sheet == [(row.label, *(int(v) for v in row.values))
                            for row in statement.rows if row.values]
    position = workbook["Laporan Posisi Keuangan"]
    figures = {r[0]: r[1:3] for r in position.iter_rows(min_row=4, values_only=True)}
    assert figures["Jumlah aset"] == figures["Jumlah kewajiban dan ekuitas"]
    notes = list(workbook["Catatan"].iter_rows(min_row=2, values_only=True))
    # The notes list the line's accounts: non-member sales and asset fees, this year.
    assert sum(r[3] for r in notes if r[1] == "Pendapatan dari non-anggota") == 6_200_000
