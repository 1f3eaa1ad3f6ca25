"""ledger.selectors: trial balance, account ledger, journal search, member sub-ledgers."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.ledger import selectors, services
from guyub.ledger.models import Account
from guyub.ledger.services import Line, post_entry
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = dt.date(2025, 1, 15), dt.date(2025, 2, 15), dt.date(2025, 3, 15)


@pytest.fixture
def books(coop, post, member):
    """A quarter of small money events across asset, liability, equity, income, expense."""
    post("cash", "simpanan_pokok", 100_000, date=JAN, member=member,
         description="Simpanan pokok Sri")
    post("cash", "simpanan_sukarela", 500_000, date=JAN, member=member,
         description="Setoran sukarela Sri")
    post("bank", "cash", 300_000, date=FEB, description="Setor kas ke bank")
    post("receivable_buyers", "income_non_members", 1_250_000, date=FEB,
         description="Penjualan batik ke hotel")
    post("operating_expense", "cash", 75_000, date=MAR, description="Bayar listrik gudang")
    post("simpanan_sukarela", "cash", 200_000, date=MAR, member=member,
         description="Penarikan sukarela Sri")
    return member


def tb(coop, as_of):
    with scope(cooperative=coop):
        return {r.account.role: r for r in selectors.trial_balance(as_of=as_of)}


# --- trial balance -----------------------------------------------------------------------

@pytest.mark.parametrize("as_of", [dt.date(2024, 12, 31), JAN, FEB, MAR, dt.date(2030, 1, 1)])
def test_the_trial_balance_nets_to_zero_at_any_date(coop, books, as_of):
    rows = tb(coop, as_of).values()
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
    assert sum(r.debit_balance for r in rows) == sum(r.credit_balance for r in rows)


def test_the_trial_balance_counts_only_what_was_posted_up_to_its_date(coop, books):
    assert tb(coop, dt.date(2024, 12, 31))["cash"].debit == 0
    in_january = tb(coop, JAN)
    assert (in_january["cash"].debit, in_january["cash"].credit) == (600_000, 0)
    assert in_january["income_non_members"].credit == 0
    at_end = tb(coop, MAR)
    assert (at_end["cash"].debit, at_end["cash"].credit) == (600_000, 575_000)
    assert at_end["cash"].balance == 25_000 and at_end["cash"].debit_balance == 25_000
    assert at_end["simpanan_sukarela"].balance == 300_000
    assert at_end["simpanan_sukarela"].credit_balance == 300_000
    assert at_end["income_non_members"].balance == 1_250_000
    assert at_end["operating_expense"].balance == 75_000


def test_the_trial_balance_lists_every_account_in_code_order(coop, books):
    with scope(cooperative=coop):
        rows = selectors.trial_balance(as_of=MAR)
        assert [r.account.code for r in rows] == list(
            Account.objects.order_by("code").values_list("code", flat=True))


def test_the_trial_balance_shows_only_its_own_cooperative(coop, other_coop, books, post):
    post("cash", "income_other", 9_999_999, date=JAN, cooperative=other_coop)
    assert tb(coop, MAR)["income_other"].credit == 0
    assert tb(other_coop, MAR)["income_other"].credit == 9_999_999


def test_a_reversal_takes_an_entry_out_of_the_trial_balance(coop, board, post):
    sale = post("receivable_buyers", "income_non_members", 400_000, date=JAN)
    with scope(cooperative=coop):
        services.reverse_entry(entry=sale, date=FEB, reason="Batal", actor=board)
    assert tb(coop, JAN)["income_non_members"].balance == 400_000
    assert tb(coop, FEB)["income_non_members"].balance == 0
    assert tb(coop, FEB)["income_non_members"].credit == 400_000


# --- account ledger ----------------------------------------------------------------------

def cash_ledger(coop, start=None, end=None):
    with scope(cooperative=coop):
        cash = Account.objects.get(role="cash")
        opening, rows = selectors.account_ledger(account=cash, start=start, end=end)
        return opening, [(line.date, line.debit, line.credit, balance) for line, balance in rows]


def test_the_account_ledger_keeps_a_running_balance(coop, books):
    opening, rows = cash_ledger(coop)
    assert opening == 0
    assert rows == [
        (JAN, 100_000, 0, 100_000),
        (JAN, 500_000, 0, 600_000),
        (FEB, 0, 300_000, 300_000),
        (MAR, 0, 75_000, 225_000),
        (MAR, 0, 200_000, 25_000),
    ]


def test_the_account_ledger_opens_with_the_balance_before_its_start_date(coop, books):
    opening, rows = cash_ledger(coop, start=dt.date(2025, 2, 1), end=dt.date(2025, 2, 28))
    assert opening == 600_000
    assert rows == [(FEB, 0, 300_000, 300_000)]
    opening, rows = cash_ledger(coop, start=dt.date(2025, 3, 1))
    assert opening == 300_000
    assert [r[3] for r in rows] == [225_000, 25_000]


def test_the_account_ledger_reads_credit_normal_accounts_on_the_credit_side(coop, books):
    with scope(cooperative=coop):
        sukarela = Account.objects.get(role="simpanan_sukarela")
        opening, rows = selectors.account_ledger(account=sukarela, start=FEB, end=None)
    assert opening == 500_000
    assert [balance for _line, balance in rows] == [300_000]


def test_the_account_ledger_orders_by_date_then_entry_number(coop, post):
    # Posted out of date order: a back-dated entry still lands in its place.
    post("cash", "income_other", 10, date=MAR)
    post("cash", "income_other", 20, date=JAN)
    post("cash", "income_other", 30, date=JAN)
    _opening, rows = cash_ledger(coop)
    assert [(r[0], r[1], r[3]) for r in rows] == [(JAN, 20, 20), (JAN, 30, 50), (MAR, 10, 60)]


# --- journal search ----------------------------------------------------------------------

def descriptions(coop, **filters):
    with scope(cooperative=coop):
        return [e.description for e in selectors.journal(**filters)]


def test_the_journal_lists_newest_first(coop, books):
    assert descriptions(coop) == [
        "Penarikan sukarela Sri", "Bayar listrik gudang", "Penjualan batik ke hotel",
        "Setor kas ke bank", "Setoran sukarela Sri", "Simpanan pokok Sri"]


def test_the_journal_filters_by_date_range(coop, books):
    assert descriptions(coop, start=dt.date(2025, 2, 1), end=dt.date(2025, 2, 28)) == [
        "Penjualan batik ke hotel", "Setor kas ke bank"]
    assert descriptions(coop, start=MAR) == ["Penarikan sukarela Sri", "Bayar listrik gudang"]
    assert descriptions(coop, end=JAN) == ["Setoran sukarela Sri", "Simpanan pokok Sri"]


def test_the_journal_filters_by_text_in_any_case(coop, books):
    assert descriptions(coop, q="SUKARELA") == ["Penarikan sukarela Sri",
                                                "Setoran sukarela Sri"]
    assert descriptions(coop, q="tidak ada") == []


def test_the_journal_filters_by_account_without_repeating_entries(coop, books, post):
    post("bank", "cash", 1, date=MAR, description="Dua baris di kas")  # cash on one side
    with scope(cooperative=coop):
        bank = Account.objects.get(role="bank")
    assert descriptions(coop, account=bank) == ["Dua baris di kas", "Setor kas ke bank"]


def test_the_journal_filters_by_member(coop, books, post):
    other = MemberFactory(cooperative=coop)
    post("cash", "simpanan_pokok", 100_000, date=MAR, member=other,
         description="Simpanan pokok lain")
    assert descriptions(coop, member_id=books.pk) == [
        "Penarikan sukarela Sri", "Setoran sukarela Sri", "Simpanan pokok Sri"]


# --- member sub-ledgers ------------------------------------------------------------------

def test_a_member_balance_is_read_from_their_lines_on_the_account(coop, books):
    other = MemberFactory(cooperative=coop)
    with scope(cooperative=coop):
        post_entry(cooperative=coop, date=FEB, description="Sukarela orang lain", lines=[
            Line(account="cash", debit=Decimal(40_000)),
            Line(account="simpanan_sukarela", credit=Decimal(40_000), member=other)])
        assert selectors.member_balance(member=books, role="simpanan_sukarela") == 300_000
        assert selectors.member_balance(member=books, role="simpanan_sukarela",
                                        as_of=FEB) == 500_000
        assert selectors.member_balance(member=other, role="simpanan_sukarela") == 40_000
        assert selectors.member_balance(member=other, role="simpanan_pokok") == 0
        assert selectors.member_balances(roles=["simpanan_pokok", "simpanan_sukarela"]) == {
            (books.pk, "simpanan_pokok"): 100_000,
            (books.pk, "simpanan_sukarela"): 300_000,
            (other.pk, "simpanan_sukarela"): 40_000,
        }
        assert selectors.member_balances(roles=["simpanan_sukarela"], as_of=JAN) == {
            (books.pk, "simpanan_sukarela"): 500_000}


def test_a_member_receivable_reads_on_the_debit_side(coop, post, member):
    post("receivable_members", "income_members", 80_000, member=member)
    post("cash", "receivable_members", 30_000, member=member)
    with scope(cooperative=coop):
        assert selectors.member_balance(member=member, role="receivable_members") == 50_000

