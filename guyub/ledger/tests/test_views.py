"""The ledger pages: trial balance, account ledger, journal, entries, accounts, period close,
their Excel exports, and who may open them."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from guyub.core.roles import Role
from guyub.ledger import services
from guyub.ledger.chart import TEMPLATE
from guyub.ledger.models import Account, JournalEntry, PeriodClose

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = dt.date(2025, 1, 15), dt.date(2025, 2, 15), dt.date(2025, 3, 15)
SOURCE = "/k/maju/anggota/7/#simpanan"


def url(name, coop, *args):
    return reverse(f"ledger:{name}", args=[coop.slug, *args])


def account(coop, role) -> Account:
    with scope(cooperative=coop):
        return Account.objects.get(role=role)


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def books(post, member):
    post("cash", "simpanan_pokok", 100_000, date=JAN, member=member,
         description="Simpanan pokok Sri", source_url=SOURCE)
    post("cash", "simpanan_sukarela", 1_250_000, date=JAN, member=member,
         description="Setoran sukarela Sri", source_url=SOURCE)
    post("bank", "cash", 300_000, date=FEB, description="Setor kas ke bank")
    post("operating_expense", "cash", 75_000, date=MAR, description="Bayar listrik gudang")
    return member


# --- trial balance -----------------------------------------------------------------------

def test_the_trial_balance_page_shows_equal_totals(board_client, coop, books):
    response = board_client.get(url("trial_balance", coop), {"as_of": "2025-03-31"})
    assert response.status_code == 200
    totals = response.context["totals"]
    assert totals["debit"] == totals["credit"] == 1_350_000
    assert [r.account.role for r in response.context["rows"]] == [
        "cash", "bank", "simpanan_sukarela", "simpanan_pokok", "operating_expense"]
    html = response.content.decode()
    assert 'id="total-debit">Rp1.350.000<' in html and 'id="total-credit">Rp1.350.000<' in html
    assert "Neraca saldo per 31 Maret 2025" in html


def test_the_trial_balance_page_is_read_at_the_date_asked(board_client, coop, books):
    response = board_client.get(url("trial_balance", coop), {"as_of": "2025-01-31"})
    assert response.context["totals"] == {"debit": 1_350_000, "credit": 1_350_000}
    assert "operating_expense" not in [r.account.role for r in response.context["rows"]]
    before = board_client.get(url("trial_balance", coop), {"as_of": "2024-12-31"})
    assert before.context["rows"] == [] and "Belum ada transaksi" in before.content.decode()


def test_the_trial_balance_exports_to_excel(board_client, coop, books):
    rows = sheet_rows(board_client.get(url("trial_balance", coop),
                                       {"as_of": "2025-03-31", "format": "xlsx"}))
    assert rows[0] == ("Kode", "Akun", "Jenis", "Debit", "Kredit", "Saldo debit",
                       "Saldo kredit")
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["1101"] == ("1101", "Kas", "Aset", 1_350_000, 375_000, 975_000, 0)
    assert by_code["2201"][5:] == (0, 1_250_000)
    assert sum(r[3] for r in rows[1:]) == sum(r[4] for r in rows[1:]) == 1_725_000
    assert sum(r[5] for r in rows[1:]) == sum(r[6] for r in rows[1:]) == 1_350_000


# --- account ledger ----------------------------------------------------------------------

def test_the_account_ledger_page_runs_a_balance_from_the_opening(board_client, coop, books):
    cash = account(coop, "cash")
    response = board_client.get(url("account", coop, cash.pk), {"start": "2025-02-01"})
    assert response.status_code == 200
    assert response.context["opening"] == 1_350_000
    assert [b for _line, b in response.context["rows"]] == [1_050_000, 975_000]
    assert response.context["closing"] == 975_000


def test_the_account_ledger_links_each_line_to_its_source(board_client, coop, books):
    sukarela = account(coop, "simpanan_sukarela")
    html = board_client.get(url("account", coop, sukarela.pk)).content.decode()
    assert f'<a href="{SOURCE}">Setoran sukarela Sri</a>' in html
    assert "Sri Wahyuni" in html and "Rp1.250.000" in html
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(description="Setoran sukarela Sri")
    assert url("entry", coop, entry.pk) in html


def test_the_account_ledger_exports_to_excel(board_client, coop, books):
    cash = account(coop, "cash")
    rows = sheet_rows(board_client.get(url("account", coop, cash.pk),
                                       {"start": "2025-02-01", "format": "xlsx"}))
    assert rows[0] == ("Tanggal", "No. jurnal", "Keterangan", "Anggota", "Debit", "Kredit",
                       "Saldo")
    assert rows[1][2:] == ("Saldo awal", None, None, None, 1_350_000)
    assert [(r[0].date(), r[1], r[2], r[4], r[5], r[6]) for r in rows[2:]] == [
        (FEB, "JU-000003", "Setor kas ke bank", None, 300_000, 1_050_000),
        (MAR, "JU-000004", "Bayar listrik gudang", None, 75_000, 975_000),
    ]


def test_an_account_of_another_cooperative_is_not_found(board_client, coop, other_coop):
    with scopes_disabled():
        foreign = Account.objects.get(cooperative=other_coop, role="cash")
    assert board_client.get(url("account", coop, foreign.pk)).status_code == 404


# --- journal -----------------------------------------------------------------------------

def listed(response) -> list[str]:
    return [e.description for e in response.context["page"]]


def test_the_journal_page_filters_by_date_text_and_account(board_client, coop, books):
    page = url("journal", coop)
    assert listed(board_client.get(page)) == [
        "Bayar listrik gudang", "Setor kas ke bank", "Setoran sukarela Sri",
        "Simpanan pokok Sri"]
    assert listed(board_client.get(page, {"start": "2025-02-01", "end": "2025-02-28"})) == [
        "Setor kas ke bank"]
    assert listed(board_client.get(page, {"q": "sri"})) == [
        "Setoran sukarela Sri", "Simpanan pokok Sri"]
    bank = account(coop, "bank")
    assert listed(board_client.get(page, {"account": bank.pk})) == ["Setor kas ke bank"]


def test_the_journal_page_says_when_a_date_range_is_backwards(board_client, coop, books):
    response = board_client.get(url("journal", coop), {"start": "2025-03-01",
                                                       "end": "2025-01-01"})
    assert response.status_code == 200
    assert "Tanggal awal harus sebelum tanggal akhir." in response.content.decode()


def test_the_journal_exports_its_filtered_lines_to_excel(board_client, coop, books):
    rows = sheet_rows(board_client.get(url("journal", coop), {"q": "sri", "format": "xlsx"}))
    assert rows[0] == ("Tanggal", "No. jurnal", "Keterangan", "Akun", "Anggota", "Debit",
                       "Kredit")
    assert [r[1:] for r in rows[1:]] == [
        ("JU-000002", "Setoran sukarela Sri", "1101 Kas", "Sri Wahyuni", 1_250_000, None),
        ("JU-000002", "Setoran sukarela Sri", "2201 Simpanan sukarela", "Sri Wahyuni", None,
         1_250_000),
        ("JU-000001", "Simpanan pokok Sri", "1101 Kas", "Sri Wahyuni", 100_000, None),
        ("JU-000001", "Simpanan pokok Sri", "3101 Simpanan pokok", "Sri Wahyuni", None,
         100_000),
    ]
    assert sum(r[5] or 0 for r in rows[1:]) == sum(r[6] or 0 for r in rows[1:])


# --- one entry, and its reversal ---------------------------------------------------------

def test_the_entry_page_shows_the_lines_and_the_source_link(board_client, coop, books):
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=1)
    html = board_client.get(url("entry", coop, entry.pk)).content.decode()
    assert "JU-000001" in html and "Simpanan pokok Sri" in html
    assert f'<a href="{SOURCE}">lihat sumber transaksi</a>' in html
    assert "Balik jurnal" in html


def test_the_board_reverses_an_entry_from_its_page(board_client, coop, books):
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=4)
    response = board_client.post(url("entry", coop, entry.pk),
                                 {"date": "2025-03-20", "reason": "Salah akun"}, follow=True)
    with scope(cooperative=coop):
        reversal = JournalEntry.objects.get(reverses=entry)
    assert response.redirect_chain[-1][0] == url("entry", coop, reversal.pk)
    assert messages_of(response) == ["Jurnal pembalik JU-000005 dicatat."]
    html = response.content.decode()
    assert "Membalik" in html and "Balik jurnal" not in html
    again = board_client.get(url("entry", coop, entry.pk)).content.decode()
    assert "Jurnal ini sudah dibalik oleh" in again and "Balik jurnal" not in again


@pytest.mark.parametrize("data, field, message", [
    ({"date": "2025-03-20", "reason": ""}, "reason", "Bidang ini tidak boleh kosong."),
    ({"date": "kemarin", "reason": "Salah"}, "date", "Masukkan tanggal yang valid."),
])
def test_a_reversal_form_with_bad_input_posts_nothing(board_client, coop, books, data, field,
                                                      message):
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=4)
    response = board_client.post(url("entry", coop, entry.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    with scope(cooperative=coop):
        assert JournalEntry.objects.count() == 4


def test_a_reversal_into_a_closed_period_is_shown_on_the_form(board_client, coop, board, books):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
        entry = JournalEntry.objects.get(number=4)
    response = board_client.post(url("entry", coop, entry.pk),
                                 {"date": "2025-03-20", "reason": "Salah akun"})
    assert response.status_code == 200
    assert "sudah ditutup" in response.context["form"].errors["date"][0]


# --- chart of accounts -------------------------------------------------------------------

def test_the_board_adds_an_account(board_client, coop):
    response = board_client.post(url("accounts", coop),
                                 {"code": "5901", "name": "Beban listrik", "type": "expense"},
                                 follow=True)
    assert messages_of(response) == ["Akun ditambahkan."]
    added = account_by_code(coop, "5901")
    assert (added.name, added.type, added.role) == ("Beban listrik", "expense", "")


def account_by_code(coop, code):
    with scope(cooperative=coop):
        return Account.objects.filter(code=code).first()


@pytest.mark.parametrize("data, field, message", [
    ({"code": "1101", "name": "Kas kecil", "type": "asset"}, "code",
     "Kode akun 1101 sudah dipakai."),
    ({"code": "52 03", "name": "Beban", "type": "expense"}, "code",
     "Kode akun hanya boleh huruf, angka, titik dan '-'."),
    ({"code": "5901", "name": "Beban", "type": "utang"}, "type",
     "Masukkan pilihan yang valid. utang bukan salah satu dari pilihan yang tersedia."),
])
def test_a_bad_account_is_refused_with_a_message(board_client, coop, data, field, message):
    response = board_client.post(url("accounts", coop), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    with scope(cooperative=coop):
        assert Account.objects.count() == len(TEMPLATE)


def test_the_board_deletes_an_unused_account(board_client, coop, board):
    with scope(cooperative=coop):
        added = services.add_account(cooperative=coop, actor=board, code="5901",
                                     name="Beban listrik", type="expense")
    response = board_client.post(url("account_delete", coop, added.pk), follow=True)
    assert messages_of(response) == ["Akun dihapus."]
    assert account_by_code(coop, "5901") is None


def test_an_account_with_postings_is_kept_with_a_message(board_client, coop, board, post):
    with scope(cooperative=coop):
        added = services.add_account(cooperative=coop, actor=board, code="5901",
                                     name="Beban listrik", type="expense")
    post(added, "cash", 75_000)
    response = board_client.post(url("account_delete", coop, added.pk), follow=True)
    assert messages_of(response) == ["Akun yang sudah punya transaksi tidak dapat dihapus."]
    assert account_by_code(coop, "5901") is not None


def test_a_system_account_is_kept_with_a_message(board_client, coop):
    cash = account(coop, "cash")
    response = board_client.post(url("account_delete", coop, cash.pk), follow=True)
    assert messages_of(response) == ["Akun sistem tidak dapat dihapus."]
    assert account_by_code(coop, "1101") is not None


# --- period close ------------------------------------------------------------------------

def test_the_board_closes_a_past_period(board_client, coop):
    response = board_client.post(url("close", coop), {"through": "2025-03-31"}, follow=True)
    assert messages_of(response) == ["Buku ditutup."]
    assert "Buku sudah ditutup sampai 31 Maret 2025" in response.content.decode()
    with scope(cooperative=coop):
        assert services.closed_through(coop) == dt.date(2025, 3, 31)


def test_today_cannot_be_closed(board_client, coop):
    response = board_client.post(url("close", coop),
                                 {"through": timezone.localdate().isoformat()})
    assert response.context["form"].errors["through"] == [
        "Hanya periode yang sudah lewat yang dapat ditutup."]
    with scope(cooperative=coop):
        assert not PeriodClose.objects.exists()


# --- who may open what -------------------------------------------------------------------

def ledger_pages(coop, entry_pk, account_pk):
    return [url("trial_balance", coop), url("accounts", coop), url("journal", coop),
            url("account", coop, account_pk), url("entry", coop, entry_pk)]


@pytest.mark.parametrize("role", [Role.BUYER, Role.SUPPLIER, Role.MEMBER])
def test_buyers_suppliers_and_members_cannot_see_the_ledger(client, coop, login_as, books,
                                                            role):
    login_as(role)
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=1)
    for page in [*ledger_pages(coop, entry.pk, account(coop, "cash").pk), url("close", coop)]:
        assert client.get(page).status_code == 403, page
    assert client.get(url("trial_balance", coop), {"format": "xlsx"}).status_code == 403


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.STAFF])
def test_supervisors_and_staff_read_the_ledger(client, coop, login_as, books, role):
    login_as(role)
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=1)
    for page in ledger_pages(coop, entry.pk, account(coop, "cash").pk):
        assert client.get(page).status_code == 200, page
    html = client.get(url("entry", coop, entry.pk)).content.decode()
    assert "Balik jurnal" not in html


def test_a_supervisor_cannot_reverse_add_delete_or_close(client, coop, login_as, books):
    login_as(Role.SUPERVISOR)
    with scope(cooperative=coop):
        entry = JournalEntry.objects.get(number=1)
    cash = account(coop, "cash")
    assert client.post(url("entry", coop, entry.pk),
                       {"date": "2025-03-20", "reason": "Salah"}).status_code == 403
    assert client.post(url("accounts", coop), {"code": "5901", "name": "Beban listrik",
                                               "type": "expense"}).status_code == 403
    assert client.post(url("account_delete", coop, cash.pk)).status_code == 403
    assert client.get(url("close", coop)).status_code == 403
    assert client.post(url("close", coop), {"through": "2025-03-31"}).status_code == 403
    with scope(cooperative=coop):
        assert JournalEntry.objects.count() == 4
        assert Account.objects.count() == len(TEMPLATE)
        assert not PeriodClose.objects.exists()


def test_a_user_of_another_cooperative_does_not_find_the_ledger(client, coop, other_coop,
                                                                make_user):
    client.force_login(make_user(other_coop, Role.BOARD))
    assert client.get(url("trial_balance", coop)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, coop):
    response = client.get(url("trial_balance", coop))
    assert response.status_code == 302 and "next=" in response["Location"]
