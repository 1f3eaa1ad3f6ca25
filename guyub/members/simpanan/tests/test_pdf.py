"""Receipts and member statements as PDF (WeasyPrint), in Bahasa Indonesia.

The text is read from the PDF when pypdf is installed; otherwise from the HTML the view
hands to WeasyPrint, caught on its way there."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.members import services
from guyub.members.models import Member, SimpananTransaction
from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

try:
    from pypdf import PdfReader
except ImportError:  # not a dependency: the rendered HTML is checked instead
    PdfReader = None


def text_of(response, rendered) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if PdfReader is not None:
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return rendered[-1]


def url(name, coop, *args):
    return reverse(f"members:{name}", args=[coop.slug, *args])


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni",
                         business_name="Keripik Tempe Bu Sri", join_date=dt.date(2025, 1, 6))


@pytest.fixture
def history(coop, board, member):
    """Pokok in January, sukarela in March, wajib for three months in April, a withdrawal
    in May."""
    with scope(cooperative=coop):
        simpanan.pay_pokok(member=member, actor=board, date=dt.date(2025, 1, 6))
        simpanan.deposit_sukarela(member=member, actor=board, date=dt.date(2025, 3, 3),
                                  amount=1_500_000)
        wajib = simpanan.pay_wajib(member=member, actor=board, date=dt.date(2025, 4, 7),
                                   months=3, method="bank")
        simpanan.withdraw(member=member, actor=board, kind="sukarela",
                          date=dt.date(2025, 5, 2), amount=250_000)
    return wajib


def test_a_receipt_is_a_pdf_in_bahasa_indonesia(board_client, coop, board, member, history,
                                                rendered):
    response = board_client.get(url("receipt_pdf", coop, history.pk))
    text = text_of(response, rendered)
    assert response["Content-Disposition"] == 'inline; filename="bukti-BS-000003.pdf"'
    for expected in ("Koperasi Produsen Maju Bersama", "Bukti Setoran Simpanan", "BS-000003",
                     "07 April 2025", "Sri Wahyuni", "Keripik Tempe Bu Sri", "Transfer bank",
                     "Simpanan wajib — 3 bulan", "Rp75.000", "Petugas",
                     history.entry.display_number):
        assert expected in text, expected


def test_a_settlement_receipt_lists_every_kind_returned(board_client, coop, board, member,
                                                        history, rendered):
    with scope(cooperative=coop):
        services.change_status(member=member, actor=board, to_status=Member.Status.EXITED,
                               date=dt.date(2025, 6, 30), reason="Pindah")
        settled = SimpananTransaction.objects.filter(type="settlement").order_by("id").first()
    text = text_of(board_client.get(url("receipt_pdf", coop, settled.pk)), rendered)
    assert "Bukti Pengembalian Simpanan" in text
    for kind, amount in (("Simpanan pokok", "Rp100.000"), ("Simpanan wajib", "Rp75.000"),
                         ("Simpanan sukarela", "Rp1.250.000")):
        assert f"<td>{kind}</td><td class=\"num\">{amount}</td>" in text
    assert '<td>Jumlah</td><td class="num">Rp1.425.000</td>' in text


def test_a_statement_shows_each_kind_for_the_period(board_client, coop, member, history,
                                                    rendered):
    response = board_client.get(url("statement_pdf", coop, member.pk),
                                {"start": "2025-04-01", "end": "2025-06-30"})
    text = text_of(response, rendered)
    assert response["Content-Disposition"] == (
        f'inline; filename="laporan-simpanan-{member.display_number}-2025-06-30.pdf"')
    for expected in ("Laporan Simpanan Anggota", "Sri Wahyuni",
                     "Periode 01 April 2025 s.d. 30 Juni 2025", "Saldo awal", "Saldo akhir",
                     "Simpanan pokok", "Simpanan wajib", "Simpanan sukarela",
                     "Jumlah simpanan per 30 Juni 2025: Rp1.425.000",
                     # joined in January, three months paid: April, May and June are due
                     "Tunggakan simpanan wajib: 3 bulan (Rp75.000)."):
        assert expected in text, expected
    # Sukarela opens at Rp1.500.000 (March), the May withdrawal brings it to Rp1.250.000.
    assert '<td class="num">Rp1.500.000</td>' in text
    assert '<td class="num">-Rp250.000</td><td class="num">Rp1.250.000</td>' in text
    assert "BS-000003" in text and "BS-000001" not in text  # pokok was paid before April


def test_a_statement_with_the_dates_swapped_still_covers_the_period(board_client, coop, member,
                                                                    history, rendered):
    text = text_of(board_client.get(url("statement_pdf", coop, member.pk),
                                    {"start": "2025-06-30", "end": "2025-04-01"}), rendered)
    assert "Periode 01 April 2025 s.d. 30 Juni 2025" in text


# --- who may download what ---------------------------------------------------------------

@pytest.fixture
def own_login(client, coop, make_user, member):
    user = make_user(coop, Role.MEMBER)
    with scopes_disabled():
        Member.objects.filter(pk=member.pk).update(user=user)
    client.force_login(user)
    return user


def test_a_member_downloads_their_own_receipt_and_statement(client, coop, member, history,
                                                            own_login, rendered):
    assert text_of(client.get(url("receipt_pdf", coop, history.pk)), rendered)
    assert "Sri Wahyuni" in text_of(client.get(url("statement_pdf", coop, member.pk)),
                                    rendered)


def test_a_member_cannot_download_another_member_s_papers(client, coop, own_login, rendered):
    other = MemberFactory(cooperative=coop, owner_name="Agus Salim")
    with scope(cooperative=coop):
        tx = simpanan.deposit_sukarela(member=other, actor=None, date=dt.date(2025, 3, 3),
                                       amount=10_000)
    assert client.get(url("receipt_pdf", coop, tx.pk)).status_code == 403
    assert client.get(url("statement_pdf", coop, other.pk)).status_code == 403
    assert rendered == []


@pytest.mark.parametrize("role", [Role.BUYER, Role.SUPPLIER])
def test_buyers_and_suppliers_get_no_simpanan_papers(client, coop, make_user, member, history,
                                                     role):
    client.force_login(make_user(coop, role))
    assert client.get(url("receipt_pdf", coop, history.pk)).status_code == 403
    assert client.get(url("statement_pdf", coop, member.pk)).status_code == 403


def test_another_cooperative_s_receipt_is_not_found(board_client, coop, other_coop):
    stranger = MemberFactory(cooperative=other_coop)
    with scope(cooperative=other_coop):
        tx = simpanan.deposit_sukarela(member=stranger, actor=None, date=dt.date(2025, 3, 3),
                                       amount=10_000)
    assert board_client.get(url("receipt_pdf", coop, tx.pk)).status_code == 404
    assert board_client.get(url("statement_pdf", coop, stranger.pk)).status_code == 404
