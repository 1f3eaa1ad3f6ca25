"""Simpanan pages: the recording forms on the member page, the arrears list, the member
portal, and who may do what."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.members.models import Member, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    # The forms refuse dates after "today"; one fixed today keeps the figures reproducible.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni",
                         business_name="Keripik Tempe Bu Sri", join_date=dt.date(2025, 3, 5))


def url(name, coop, *args):
    return reverse(f"members:{name}", args=[coop.slug, *args])


def record_url(coop, member, action):
    return url("simpanan_record", coop, member.pk, action)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def rows(coop):
    with scopes_disabled():
        return (SimpananTransaction.objects.filter(cooperative=coop).count(),
                JournalEntry.objects.filter(cooperative=coop).count())


def balances(member):
    with scope(cooperative=member.cooperative):
        return simpanan_reads.balances(member)


def deposit(member, amount, date=dt.date(2025, 4, 1)):
    with scope(cooperative=member.cooperative):
        return simpanan.deposit_sukarela(member=member, actor=None, date=date, amount=amount)


@pytest.fixture
def login_as(client, coop, make_user):
    def login(*roles, cooperative=None):
        user = make_user(cooperative or coop, *roles)
        client.force_login(user)
        return user

    return login


# --- the member page ---------------------------------------------------------------------

def test_the_member_page_shows_balances_arrears_and_the_recording_forms(board_client, coop,
                                                                          member):
    deposit(member, 1_250_000)
    html = board_client.get(url("detail", coop, member.pk)).content.decode()
    assert 'id="balance-sukarela">Rp1.250.000<' in html
    assert 'id="balance-pokok">Rp0<' in html
    assert "Tunggakan simpanan wajib 4 bulan (Rp100.000)" in html
    for name in ("wajib-date", "wajib-method", "wajib-months", "setor-sukarela-amount",
                 "tarik-sukarela-amount"):
        assert f'name="{name}"' in html, name
    assert record_url(coop, member, "wajib") in html
    with scopes_disabled():
        tx = SimpananTransaction.objects.get(member=member)
    assert f'<a href="{url("receipt_pdf", coop, tx.pk)}">BS-000001</a>' in html


def test_a_supervisor_sees_the_simpanan_but_no_recording_forms(client, coop, login_as, member):
    login_as(Role.SUPERVISOR)
    response = client.get(url("detail", coop, member.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="balance-wajib"' in html and 'name="wajib-months"' not in html


def test_a_member_who_left_has_no_recording_forms(board_client, coop):
    gone = MemberFactory(cooperative=coop, status=Member.Status.EXITED)
    html = board_client.get(url("detail", coop, gone.pk)).content.decode()
    assert 'name="wajib-months"' not in html and 'id="arrears"' not in html


# --- recording ---------------------------------------------------------------------------

def test_the_board_records_wajib_for_several_months(board_client, coop, member):
    response = board_client.post(record_url(coop, member, "wajib"), {
        "wajib-date": "2025-06-02", "wajib-method": "bank", "wajib-months": "3"}, follow=True)
    assert response.redirect_chain[0][0] == url("detail", coop, member.pk) + "#simpanan"
    assert messages_of(response) == ["Setoran simpanan wajib tercatat, bukti BS-000001."]
    with scopes_disabled():
        tx = SimpananTransaction.objects.get(member=member)
    assert (tx.kind, tx.amount, tx.months, tx.method, tx.date) == (
        "wajib", 75_000, 3, "bank", dt.date(2025, 6, 2))
    html = response.content.decode()
    assert 'id="balance-wajib">Rp75.000<' in html
    assert "Tunggakan simpanan wajib 1 bulan (Rp25.000)" in html
    assert "Simpanan wajib (3 bln)" in html


def test_staff_record_a_sukarela_deposit_and_withdrawal(client, coop, login_as, member):
    staff = login_as(Role.STAFF)
    client.post(record_url(coop, member, "setor-sukarela"), {
        "setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cash",
        "setor-sukarela-amount": "1.250.000", "setor-sukarela-note": "Hasil panen"})
    response = client.post(record_url(coop, member, "tarik-sukarela"), {
        "tarik-sukarela-date": "2025-06-03", "tarik-sukarela-method": "cash",
        "tarik-sukarela-amount": "250000"}, follow=True)
    assert messages_of(response) == [
        "Setoran simpanan sukarela tercatat, bukti BS-000001.",
        "Penarikan simpanan sukarela tercatat, bukti BS-000002."]
    assert balances(member)["sukarela"] == 1_000_000
    with scopes_disabled():
        assert {tx.created_by for tx in SimpananTransaction.objects.all()} == {staff}


@pytest.mark.parametrize("action, data, message", [
    ("wajib", {"wajib-date": "2025-06-02", "wajib-method": "cash", "wajib-months": "0"},
     "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
    ("wajib", {"wajib-date": "2025-06-02", "wajib-method": "cash", "wajib-months": "61"},
     "Pastikan nilai ini lebih kecil dari atau sama dengan 60."),
    ("wajib", {"wajib-date": "2025-07-01", "wajib-method": "cash", "wajib-months": "1"},
     "Tanggal tidak boleh di masa depan."),
    ("wajib", {"wajib-date": "2025-02-30", "wajib-method": "cash", "wajib-months": "1"},
     "Masukkan tanggal yang valid."),
    ("setor-sukarela", {"setor-sukarela-date": "1990-01-01", "setor-sukarela-method": "cash",
                        "setor-sukarela-amount": "1000"},
     "Tanggal 01-01-1990 sebelum koperasi berdiri (01-01-2015)."),
    ("setor-sukarela", {"setor-sukarela-date": "0001-01-01", "setor-sukarela-method": "cash",
                        "setor-sukarela-amount": "1000"},
     "Tanggal 01-01-0001 sebelum koperasi berdiri (01-01-2015)."),
    ("wajib", {"wajib-date": "2025-03-04", "wajib-method": "cash", "wajib-months": "1"},
     "Tanggal 04-03-2025 sebelum Sri Wahyuni menjadi anggota (05-03-2025)."),
    ("setor-sukarela", {"setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cek",
                        "setor-sukarela-amount": "1000"},
     "Masukkan pilihan yang valid. cek bukan salah satu dari pilihan yang tersedia."),
    ("setor-sukarela", {"setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cash",
                        "setor-sukarela-amount": "sejuta"},
     "Tulis jumlah rupiah dengan angka, misalnya 90.000."),
    ("setor-sukarela", {"setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cash",
                        "setor-sukarela-amount": "0"},
     "Jumlah paling sedikit Rp1."),
    ("setor-sukarela", {"setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cash",
                        "setor-sukarela-amount": "1500.50"},
     "Tulis jumlah rupiah tanpa sen, misalnya 90.000."),
    ("tarik-sukarela", {"tarik-sukarela-date": "2025-06-02", "tarik-sukarela-method": "cash",
                        "tarik-sukarela-amount": "50001"},
     "Saldo simpanan sukarela tidak cukup: saldo Rp50.000, diminta Rp50.001."),
    ("tarik-sukarela", {"tarik-sukarela-date": "2025-06-02", "tarik-sukarela-method": "cash"},
     "Bidang ini tidak boleh kosong."),
], ids=["months-0", "months-61", "future", "date-format", "before-founding", "year-1",
        "before-joining", "method", "amount-text",
        "amount-0", "amount-fraction", "above-balance", "amount-missing"])
def test_bad_input_is_refused_in_bahasa_indonesia_and_saves_nothing(board_client, coop,
                                                                    member, action, data,
                                                                    message):
    deposit(member, 50_000)
    before = rows(coop)
    response = board_client.post(record_url(coop, member, action), data, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [message]
    assert rows(coop) == before
    assert balances(member)["sukarela"] == 50_000


def test_fields_without_the_form_prefix_are_not_read(board_client, coop, member):
    board_client.post(record_url(coop, member, "wajib"),
                      {"date": "2025-06-02", "method": "cash", "months": "3"})
    assert rows(coop) == (0, 0)


def test_a_member_who_left_cannot_be_recorded_for(board_client, coop):
    gone = MemberFactory(cooperative=coop, status=Member.Status.EXITED)
    response = board_client.post(record_url(coop, gone, "setor-sukarela"), {
        "setor-sukarela-date": "2025-06-02", "setor-sukarela-method": "cash",
        "setor-sukarela-amount": "1000"}, follow=True)
    assert messages_of(response) == ["Hanya anggota aktif yang dapat bertransaksi simpanan."]
    assert rows(coop) == (0, 0)


def test_an_unknown_action_is_not_found(board_client, coop, member):
    response = board_client.post(record_url(coop, member, "tarik-pokok"),
                                 {"tarik-pokok-amount": "1000"})
    assert response.status_code == 404


def test_recording_is_a_post(board_client, coop, member):
    assert board_client.get(record_url(coop, member, "wajib")).status_code == 405


def test_a_member_of_another_cooperative_is_not_found(board_client, coop, other_coop):
    stranger = MemberFactory(cooperative=other_coop)
    response = board_client.post(record_url(coop, stranger, "wajib"), {
        "wajib-date": "2025-06-02", "wajib-method": "cash", "wajib-months": "1"})
    assert response.status_code == 404
    assert rows(other_coop) == (0, 0)


@pytest.mark.parametrize("role", [Role.BUYER, Role.SUPPLIER, Role.MEMBER, Role.SUPERVISOR])
def test_only_board_and_staff_may_record(client, coop, login_as, member, role):
    login_as(role)
    for action, data in [
        ("wajib", {"wajib-date": "2025-06-02", "wajib-method": "cash", "wajib-months": "1"}),
        ("setor-sukarela", {"setor-sukarela-date": "2025-06-02",
                            "setor-sukarela-method": "cash", "setor-sukarela-amount": "1"}),
        ("tarik-sukarela", {"tarik-sukarela-date": "2025-06-02",
                            "tarik-sukarela-method": "cash", "tarik-sukarela-amount": "1"}),
    ]:
        assert client.post(record_url(coop, member, action), data).status_code == 403
    assert rows(coop) == (0, 0)


# --- arrears -----------------------------------------------------------------------------

@pytest.fixture
def debtors(coop, member):
    """As of 30 June 2025: Sri 4 months behind, Agus 6, Citra paid up."""
    agus = MemberFactory(cooperative=coop, owner_name="Agus Salim",
                         join_date=dt.date(2025, 1, 10))
    citra = MemberFactory(cooperative=coop, owner_name="Citra Lestari",
                          join_date=dt.date(2025, 6, 1))
    with scope(cooperative=coop):
        simpanan.pay_wajib(member=citra, actor=None, date=dt.date(2025, 6, 1), months=1)
    return agus, member


def test_the_arrears_page_lists_members_behind_with_totals(board_client, coop, debtors):
    response = board_client.get(url("arrears", coop))
    assert [(m.owner_name, n, a) for m, n, a in response.context["rows"]] == [
        ("Agus Salim", 6, 150_000), ("Sri Wahyuni", 4, 100_000)]
    html = response.content.decode()
    assert "Tunggakan simpanan wajib per 30 Juni 2025" in html
    assert "2 anggota menunggak, jumlah Rp250.000." in html
    assert "Citra Lestari" not in html


def test_the_arrears_page_is_read_at_the_date_asked(board_client, coop, debtors):
    response = board_client.get(url("arrears", coop), {"as_of": "2025-03-31"})
    assert [(m.owner_name, n) for m, n, _a in response.context["rows"]] == [
        ("Agus Salim", 3), ("Sri Wahyuni", 1)]
    assert response.context["total"] == Decimal(100_000)


def test_the_arrears_list_exports_to_excel(board_client, coop, debtors):
    response = board_client.get(url("arrears", coop), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True))[1:] == [
        (debtors[0].display_number, "Agus Salim", debtors[0].business_name, 6, 150_000),
        (debtors[1].display_number, "Sri Wahyuni", "Keripik Tempe Bu Sri", 4, 100_000)]


@pytest.mark.parametrize("role, status", [(Role.SUPERVISOR, 200), (Role.STAFF, 200),
                                          (Role.MEMBER, 403), (Role.BUYER, 403)])
def test_officers_see_the_arrears_list(client, coop, login_as, role, status):
    login_as(role)
    assert client.get(url("arrears", coop)).status_code == status


# --- the member portal -------------------------------------------------------------------

@pytest.fixture
def own_member(coop, login_as, member):
    user = login_as(Role.MEMBER)
    with scopes_disabled():
        Member.objects.filter(pk=member.pk).update(user=user)
    deposit(member, 1_250_000, date=dt.date(2025, 4, 1))
    with scope(cooperative=coop):
        simpanan.pay_wajib(member=member, actor=None, date=dt.date(2025, 4, 1), months=2)
    return member


def test_a_member_sees_their_own_balances_history_and_arrears(client, coop, own_member):
    stranger = MemberFactory(cooperative=coop, owner_name="Agus Salim")
    deposit(stranger, 9_900_000)
    response = client.get(url("portal", coop))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="balance-sukarela">Rp1.250.000<' in html
    assert 'id="balance-wajib">Rp50.000<' in html
    assert "Tunggakan simpanan wajib 2 bulan (Rp50.000)" in html
    assert [t.receipt_display for t in response.context["transactions"]] == [
        "BS-000002", "BS-000001"]
    assert "Simpanan wajib (2 bln)" in html
    assert "Rp9.900.000" not in html and "Agus Salim" not in html
    assert 'name="wajib-months"' not in html


def test_the_portal_is_for_members_only(client, coop, login_as):
    login_as(Role.BUYER)
    assert client.get(url("portal", coop)).status_code == 403
