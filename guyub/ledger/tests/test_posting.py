"""ledger.services: posting, reversal, the chart of accounts and period close."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.ledger import services
from guyub.ledger.chart import TEMPLATE
from guyub.ledger.models import Account, JournalEntry, JournalLine
from guyub.ledger.services import Line, post_entry
from guyub.testing.factories import CooperativeFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)


def entry_count(coop) -> int:
    with scopes_disabled():
        return JournalEntry.objects.filter(cooperative=coop).count()


def line_count(coop) -> int:
    with scopes_disabled():
        return JournalLine.objects.filter(cooperative=coop).count()


def refuse(coop, lines, *, date=DAY, match=None):
    """Post `lines`, expect a DomainError, and check nothing reached the books."""
    before = entry_count(coop), line_count(coop)
    with scope(cooperative=coop), pytest.raises(DomainError, match=match) as refused:
        post_entry(cooperative=coop, date=date, description="Salah", lines=lines)
    assert (entry_count(coop), line_count(coop)) == before
    return refused.value


# --- what a valid entry looks like ------------------------------------------------------

def test_it_posts_a_balanced_entry_with_numbered_lines(coop, board, member):
    with scope(cooperative=coop):
        entry = post_entry(cooperative=coop, date=DAY, description="Setoran modal",
                           actor=board, lines=[
                               Line(account="cash", debit=Decimal(150_000)),
                               Line(account="simpanan_pokok", credit=Decimal(100_000),
                                    member=member),
                               Line(account="income_other", credit=Decimal(50_000)),
                           ])
        second = post_entry(cooperative=coop, date=DAY, description="Lagi", lines=[
            Line(account="bank", debit=Decimal(1)), Line(account="cash", credit=Decimal(1))])
        lines = list(entry.lines.select_related("account").order_by("id"))

    assert (entry.number, entry.display_number, second.number) == (1, "JU-000001", 2)
    assert entry.posted_by == board
    assert [(ln.account.role, ln.debit, ln.credit, ln.member_id, ln.date) for ln in lines] == [
        ("cash", 150_000, 0, None, DAY),
        ("simpanan_pokok", 0, 100_000, member.pk, DAY),
        ("income_other", 0, 50_000, None, DAY),
    ]


def test_entry_numbers_are_counted_per_cooperative(coop, other_coop, post):
    post("cash", "income_other", 1000)
    post("cash", "income_other", 1000)
    other = post("cash", "income_other", 1000, cooperative=other_coop)
    assert other.number == 1


def test_it_records_the_source_of_an_entry(coop, member):
    with scope(cooperative=coop):
        entry = post_entry(cooperative=coop, date=DAY, description="Dari anggota",
                           source=member, source_url="/k/maju/anggota/1/",
                           lines=[Line(account="cash", debit=Decimal(10)),
                                  Line(account="income_members", credit=Decimal(10))])
    assert (entry.source_type, entry.source_id, entry.source_url) == (
        "members.member", str(member.pk), "/k/maju/anggota/1/")


# --- what the posting service refuses ---------------------------------------------------

def test_it_refuses_an_empty_entry(coop):
    refuse(coop, [], match="paling sedikit dua baris")


def test_it_refuses_an_entry_of_one_line(coop):
    refuse(coop, [Line(account="cash", debit=Decimal(1000))], match="paling sedikit dua baris")


def test_it_refuses_an_unbalanced_entry(coop):
    error = refuse(coop, [Line(account="cash", debit=Decimal(100_000)),
                          Line(account="income_other", credit=Decimal(99_999))])
    assert "tidak seimbang" in error.message
    assert error.message == "Jurnal tidak seimbang: debit Rp100.000, kredit Rp99.999."


@pytest.mark.parametrize("line", [
    Line(account="cash", debit=Decimal(500), credit=Decimal(500)),
    Line(account="cash"),
    Line(account="cash", debit=Decimal(0), credit=Decimal(0)),
], ids=["both-sides", "neither-side", "zero"])
def test_it_refuses_a_line_with_both_or_neither_side(coop, line):
    refuse(coop, [line, Line(account="income_other", credit=Decimal(500)),
                  Line(account="bank", debit=Decimal(500))],
           match="debit atau kredit, tidak keduanya")


def test_it_refuses_a_negative_amount(coop):
    # -500 on the credit side would otherwise "balance" a 500 debit on the same side.
    refuse(coop, [Line(account="cash", debit=Decimal(500)),
                  Line(account="bank", debit=Decimal(-500))],
           match="tidak boleh negatif")


def test_it_refuses_fractions_of_a_rupiah(coop):
    refuse(coop, [Line(account="cash", debit=Decimal("1000.50")),
                  Line(account="income_other", credit=Decimal("1000.50"))],
           match="rupiah utuh")


@pytest.mark.parametrize("amount", ["Infinity", "NaN"])
def test_it_refuses_an_amount_that_is_not_a_finite_number(coop, amount):
    # Infinity "balances" Infinity, and NaN cannot even be compared with zero.
    refuse(coop, [Line(account="cash", debit=Decimal(amount)),
                  Line(account="income_other", credit=Decimal(amount))], match="rupiah utuh")


def test_it_refuses_an_account_of_another_cooperative(coop, other_coop):
    with scopes_disabled():
        foreign = Account.objects.get(cooperative=other_coop, role="cash")
    error = refuse(coop, [Line(account=foreign, debit=Decimal(1000)),
                          Line(account="income_other", credit=Decimal(1000))])
    assert error.message == "Akun bukan milik koperasi ini."
    with scopes_disabled():
        assert not JournalLine.objects.filter(account=foreign).exists()


def test_it_refuses_an_unknown_system_account(coop):
    refuse(coop, [Line(account="cash", debit=Decimal(1)),
                  Line(account="tidak_ada", credit=Decimal(1))],
           match="tidak_ada")


def test_it_refuses_posting_into_a_closed_period(coop, board, post):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
    lines = [Line(account="cash", debit=Decimal(1000)),
             Line(account="income_other", credit=Decimal(1000))]
    for day in (dt.date(2025, 3, 31), dt.date(2024, 12, 1)):
        error = refuse(coop, lines, date=day, match="sudah ditutup")
        assert error.field == "date" and "31-03-2025" in error.message
    # The day after the close is open again.
    assert post("cash", "income_other", 1000, date=dt.date(2025, 4, 1)).number == 1


def test_a_period_close_cannot_move_backwards(coop, board):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
        with pytest.raises(DomainError, match="sudah ditutup"):
            services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 2, 28))
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 6, 30))
        assert services.closed_through(coop) == dt.date(2025, 6, 30)
        assert AuditLog.objects.filter(action="period.closed").count() == 2


def test_a_period_close_of_one_cooperative_leaves_the_others_open(coop, other_coop, board,
                                                                    post):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 12, 31))
    assert post("cash", "income_other", 10, cooperative=other_coop).date == DAY


# --- reversal -----------------------------------------------------------------------------

@pytest.fixture
def sale(post, member):
    return post("receivable_members", "income_members", 250_000, member=member,
                description="Penjualan kopi", source_url="/k/maju/anggota/1/#simpanan")


def test_a_reversal_posts_the_mirror_entry_pointing_at_the_original(coop, board, sale, member):
    with scope(cooperative=coop):
        reversal = services.reverse_entry(entry=sale, date=dt.date(2025, 3, 12),
                                          reason="Salah anggota", actor=board)
        lines = [(ln.account.role, ln.debit, ln.credit, ln.member_id)
                 for ln in reversal.lines.select_related("account").order_by("id")]
        original = [(ln.account.role, ln.debit, ln.credit, ln.member_id)
                    for ln in JournalEntry.objects.get(pk=sale.pk).lines
                    .select_related("account").order_by("id")]
        log = AuditLog.objects.get(action="journal.reversed")

    assert reversal.reverses == sale and reversal.number == sale.number + 1
    assert reversal.date == dt.date(2025, 3, 12)
    assert reversal.description == "Pembalikan JU-000001: Salah anggota"
    assert reversal.source_url == sale.source_url
    assert lines == [("receivable_members", 0, 250_000, member.pk),
                     ("income_members", 250_000, 0, member.pk)]
    # The original is untouched.
    assert original == [("receivable_members", 250_000, 0, member.pk),
                        ("income_members", 0, 250_000, member.pk)]
    assert (log.actor, log.data["reversal"], log.data["reason"]) == (
        board, "JU-000002", "Salah anggota")


def test_the_original_entry_is_unchanged_by_its_reversal(coop, board, sale):
    with scope(cooperative=coop):
        before = JournalEntry.objects.filter(pk=sale.pk).values().get()
        services.reverse_entry(entry=sale, date=DAY, reason="Koreksi", actor=board)
        assert JournalEntry.objects.filter(pk=sale.pk).values().get() == before


def test_an_entry_cannot_be_reversed_twice(coop, board, sale):
    with scope(cooperative=coop):
        services.reverse_entry(entry=sale, date=DAY, reason="Koreksi", actor=board)
        with pytest.raises(DomainError, match="sudah dibalik"):
            services.reverse_entry(entry=sale, date=DAY, reason="Lagi", actor=board)
    assert entry_count(coop) == 2


def test_a_reversal_cannot_itself_be_reversed(coop, board, sale):
    with scope(cooperative=coop):
        reversal = services.reverse_entry(entry=sale, date=DAY, reason="Koreksi", actor=board)
        with pytest.raises(DomainError, match="tidak dapat dibalik lagi"):
            services.reverse_entry(entry=reversal, date=DAY, reason="Batal", actor=board)
    assert entry_count(coop) == 2


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reversal_needs_a_reason(coop, board, sale, reason):
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.reverse_entry(entry=sale, date=DAY, reason=reason, actor=board)
    assert (refused.value.field, refused.value.message) == (
        "reason", "Alasan pembalikan wajib diisi.")
    assert entry_count(coop) == 1


def test_a_reversal_into_a_closed_period_is_refused(coop, board, sale):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
        with pytest.raises(DomainError, match="sudah ditutup"):
            services.reverse_entry(entry=sale, date=dt.date(2025, 3, 20), reason="Koreksi",
                                   actor=board)
        reversal = services.reverse_entry(entry=sale, date=dt.date(2025, 4, 2),
                                          reason="Koreksi", actor=board)
    assert reversal.reverses_id == sale.pk


# --- the chart of accounts ----------------------------------------------------------------

def test_every_new_cooperative_gets_the_chart_of_accounts(db):
    coop = CooperativeFactory()
    with scope(cooperative=coop):
        chart = list(Account.objects.values_list("code", "name", "type", "role"))
    assert chart == [tuple(row) for row in TEMPLATE]


def test_creating_the_chart_twice_adds_nothing(coop):
    with scope(cooperative=coop):
        services.create_chart(cooperative=coop)
        assert Account.objects.count() == len(TEMPLATE)


def test_the_board_can_add_an_account(coop, board):
    with scope(cooperative=coop):
        account = services.add_account(cooperative=coop, actor=board, code="5901",
                                       name="Beban listrik", type="expense")
        assert AuditLog.objects.get(action="account.created").object_id == str(account.pk)
    assert (account.role, account.debit_normal) == ("", True)


def test_an_account_code_is_used_once(coop, board):
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.add_account(cooperative=coop, actor=board, code="1101", name="Kas kecil",
                             type="asset")
    assert refused.value.field == "code" and "1101" in refused.value.message


def test_an_added_account_can_be_posted_to_and_then_not_deleted(coop, board, post):
    with scope(cooperative=coop):
        account = services.add_account(cooperative=coop, actor=board, code="5901",
                                       name="Beban listrik", type="expense")
    post(account, "cash", 75_000)
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="sudah punya transaksi"):
            services.delete_account(account=account, actor=board)
        assert Account.objects.filter(pk=account.pk).exists()


def test_an_unused_added_account_can_be_deleted(coop, board):
    with scope(cooperative=coop):
        account = services.add_account(cooperative=coop, actor=board, code="5901",
                                       name="Beban listrik", type="expense")
        services.delete_account(account=account, actor=board)
        assert not Account.objects.filter(pk=account.pk).exists()
        assert AuditLog.objects.filter(action="account.deleted").exists()


def test_a_system_account_cannot_be_deleted(coop, board):
    with scope(cooperative=coop):
        cash = Account.objects.get(role="cash")
        with pytest.raises(DomainError, match="Akun sistem"):
            services.delete_account(account=cash, actor=board)
        assert Account.objects.filter(pk=cash.pk).exists()
