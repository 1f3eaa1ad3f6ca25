"""The closing pages as the board, the pengawas, staff and a member meet them."""

from decimal import Decimal

import pytest

from guyub.core.roles import Role
from guyub.finance.closing.models import Adjustment, YearClose
from guyub.finance.closing.services import close_year
from guyub.ledger.models import Account, JournalEntry
from guyub.testing.factories import MemberFactory
from guyub.testing.finance_fb import balance, book_year

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def books(coop, last_year):
    book_year(coop, last_year, members=900_000, non_members=100_000, cost=500_000,
              expenses=150_000)
    return last_year


def url(coop, name="", year=None):
    base = f"/k/{coop.slug}/keuangan/tutup-buku/"
    return base + (f"{year}/" if year is not None else "") + name


def as_role(client, make_user, coop, role):
    user = make_user(coop, role)
    client.force_login(user)
    return user


def test_the_board_confirms_and_closes_a_year(client, coop, board, books):
    client.force_login(board)
    page = client.get(url(coop)).content.decode()
    assert f'href="{url(coop, year=books)}"' in page

    confirm = client.get(url(coop, year=books)).content.decode()
    assert "350.000" in confirm  # income 1,000,000 − 650,000 expenses
    assert "dikunci" in confirm
    response = client.post(url(coop, "tutup/", books), follow=True)

    assert response.redirect_chain[-1][0] == url(coop)
    assert "Buku tahun" in response.content.decode()
    assert YearClose.objects.get(year=books).surplus == D(350_000)
    assert balance(coop, "shu_current") == D(350_000)
    assert f'href="{url(coop, "penyesuaian/", books)}"' in response.content.decode()


def test_a_refused_close_is_explained_and_changes_nothing(client, coop, board, books):
    book_year(coop, books - 1, members=10_000)
    client.force_login(board)
    confirm = client.get(url(coop, year=books)).content.decode()
    assert "masih terbuka" in confirm and "tutup/" not in confirm
    response = client.post(url(coop, "tutup/", books), follow=True)
    assert "masih terbuka" in response.content.decode()
    assert not YearClose.objects.exists()


@pytest.mark.parametrize("year", [0, 99999, 10**12])
def test_a_year_off_the_calendar_is_not_a_page(client, coop, board, year):
    client.force_login(board)
    assert client.get(url(coop, year=year)).status_code == 404
    assert client.post(url(coop, "tutup/", year)).status_code == 404
    assert client.get(url(coop, "penyesuaian/", year)).status_code == 404
    assert not YearClose.objects.exists()


def test_the_pengawas_reads_the_closes_but_cannot_close_or_adjust(client, coop, board,
                                                                  make_user, books):
    close_year(cooperative=coop, year=books, actor=board)
    as_role(client, make_user, coop, Role.SUPERVISOR)
    page = client.get(url(coop))
    assert page.status_code == 200
    text = page.content.decode()
    assert "350.000" in text and 'id="read-only"' in text
    assert "penyesuaian/" not in text and "tutup/" not in text
    assert client.post(url(coop, "tutup/", books)).status_code == 403
    assert client.get(url(coop, "penyesuaian/", books)).status_code == 403
    assert client.post(url(coop, "penyesuaian/", books), {}).status_code == 403


def test_staff_read_the_years_but_cannot_close(client, coop, make_user, books):
    as_role(client, make_user, coop, Role.STAFF)
    text = client.get(url(coop)).content.decode()
    assert 'id="read-only"' in text and "tutup/" not in text
    assert client.get(url(coop, year=books)).status_code == 403
    assert client.post(url(coop, "tutup/", books)).status_code == 403
    assert not YearClose.objects.exists()


def test_a_member_is_refused_every_closing_page(client, coop, make_user, books):
    as_role(client, make_user, coop, Role.MEMBER)
    assert client.get(url(coop)).status_code == 403
    assert client.get(url(coop, year=books)).status_code == 403
    assert client.post(url(coop, "tutup/", books)).status_code == 403
    assert client.get(url(coop, "penyesuaian/", books)).status_code == 403
    assert not YearClose.objects.exists()


# --- the adjustment form ---------------------------------------------------------------


def account(coop, role):
    return Account.objects.get(cooperative=coop, role=role).pk


def form(coop, year, rows, *, date=None, reason="Faktur tertinggal"):
    data = {"date": date or f"{year}-12-30", "reason": reason, "line-TOTAL_FORMS": "4",
            "line-INITIAL_FORMS": "0", "line-MIN_NUM_FORMS": "0", "line-MAX_NUM_FORMS": "30"}
    for i, row in enumerate(rows):
        data.update({f"line-{i}-{k}": v for k, v in row.items()})
    return data


@pytest.fixture
def closed(coop, board, books, client):
    close_year(cooperative=coop, year=books, actor=board)
    client.force_login(board)
    return books


def expense_rows(coop, debit="40.000", credit="40.000"):
    return [{"account": account(coop, "operating_expense"), "debit": debit},
            {"account": account(coop, "cash"), "credit": credit}]


def test_the_board_records_an_adjustment(client, coop, closed):
    response = client.post(url(coop, "penyesuaian/", closed), form(coop, closed,
                                                                    expense_rows(coop)))
    assert response.status_code == 302
    adjustment = Adjustment.objects.get()
    assert adjustment.reason == "Faktur tertinggal"
    assert balance(coop, "shu_current") == D(310_000)
    page = client.get(url(coop)).content.decode()
    assert "Faktur tertinggal" in page and adjustment.entry.display_number in page


def post_bad(client, coop, year, data, status=200):
    before = (JournalEntry.objects.count(), Adjustment.objects.count())
    response = client.post(url(coop, "penyesuaian/", year), data)
    assert response.status_code == status
    assert (JournalEntry.objects.count(), Adjustment.objects.count()) == before
    return response.content.decode()


def test_an_unbalanced_adjustment_shows_both_sums(client, coop, closed):
    text = post_bad(client, coop, closed, form(coop, closed, expense_rows(coop, "40.000",
                                                                          "39.000")))
    assert "tidak seimbang" in text and "40.000" in text and "39.000" in text


def test_a_date_outside_the_year_and_an_impossible_date_are_refused(client, coop, closed):
    text = post_bad(client, coop, closed, form(coop, closed, expense_rows(coop),
                                               date=f"{closed + 1}-01-02"))
    assert "di dalam tahun buku" in text
    text = post_bad(client, coop, closed, form(coop, closed, expense_rows(coop),
                                               date=f"{closed}-02-30"))
    assert "tanggal" in text.lower()


def test_a_missing_reason_and_a_nul_are_refused(client, coop, closed):
    post_bad(client, coop, closed, form(coop, closed, expense_rows(coop), reason=""))
    # A NUL is stopped at the front door (core middleware) with a clear 400.
    post_bad(client, coop, closed, form(coop, closed, expense_rows(coop), reason="a\x00b"),
             status=400)


def test_another_cooperatives_account_is_refused(client, coop, other_coop, closed):
    from django_scopes import scopes_disabled
    with scopes_disabled():
        foreign = Account.objects.get(cooperative=other_coop, role="cash").pk
    rows = [{"account": account(coop, "operating_expense"), "debit": "1.000"},
            {"account": foreign, "credit": "1.000"}]
    text = post_bad(client, coop, closed, form(coop, closed, rows))
    assert "tidak ada di koperasi ini" in text


@pytest.mark.parametrize(("debit", "credit"), [
    ("1" * 40, "1" * 40), ("-5.000", "-5.000"), ("5.000,50", "5.000,50"), ("abc", "abc")])
def test_bad_amounts_are_refused_in_words(client, coop, closed, debit, credit):
    text = post_bad(client, coop, closed, form(coop, closed, expense_rows(coop, debit, credit)))
    assert "Jumlah" in text or "rupiah" in text


def test_a_line_with_both_sides_or_no_account_is_refused(client, coop, closed):
    rows = [{"account": account(coop, "operating_expense"), "debit": "1.000",
             "credit": "1.000"}, {"debit": "1.000"}]
    text = post_bad(client, coop, closed, form(coop, closed, rows))
    assert "salah satu saja" in text and "Pilih akunnya" in text


def test_a_member_is_found_by_number(client, coop, closed):
    member = MemberFactory(cooperative=coop)
    rows = [{"account": account(coop, "simpanan_wajib"), "debit": "5.000",
             "member": member.number},
            {"account": account(coop, "simpanan_sukarela"), "credit": "5.000",
             "member": member.number}]
    assert client.post(url(coop, "penyesuaian/", closed),
                       form(coop, closed, rows)).status_code == 302
    rows[0]["member"] = 2**40
    assert "anggota" in post_bad(client, coop, closed, form(coop, closed, rows))


def test_an_open_year_has_no_adjustment_form(client, coop, board, books):
    client.force_login(board)
    text = client.get(url(coop, "penyesuaian/", books)).content.decode()
    assert "belum ditutup" in text and "line-TOTAL_FORMS" not in text
    post_bad(client, coop, books, form(coop, books, expense_rows(coop)))


def test_nasty_values_in_any_adjustment_field_never_give_a_500(client, coop, closed):
    from guyub.core.tests.test_nasty_input_forms import NASTY

    good = form(coop, closed, expense_rows(coop))
    fields = ["date", "reason", "line-0-account", "line-0-member", "line-0-debit",
              "line-1-credit", "line-TOTAL_FORMS"]
    failures = []
    for field in fields:
        for nasty in NASTY:
            before = (JournalEntry.objects.count(), Adjustment.objects.count())
            response = client.post(url(coop, "penyesuaian/", closed), {**good, field: nasty})
            after = (JournalEntry.objects.count(), Adjustment.objects.count())
            if response.status_code >= 500 or (response.status_code != 302 and after != before):
                failures.append((field, nasty[:20], response.status_code))
    assert failures == []


def test_the_pages_answer_only_the_methods_they_serve(client, coop, closed):
    # The years and the confirmation are read; the close and the adjustment take a form.
    assert client.post(url(coop)).status_code == 405
    assert client.post(url(coop, year=closed)).status_code == 405
    assert client.get(url(coop, "tutup/", closed)).status_code == 405
    assert client.delete(url(coop, "penyesuaian/", closed)).status_code == 405
    assert client.put(url(coop, "penyesuaian/", closed)).status_code == 405
    assert not Adjustment.objects.exists()
