"""Adjustments of a closed year: an adjusting entry dated in it with its reason and its
own audit entry; income and expenses it touches are closed again into shu_current."""

import datetime as dt
from decimal import Decimal

import pytest

from guyub.core.audit import AuditLog
from guyub.core.errors import DomainError
from guyub.finance.closing.models import Adjustment
from guyub.finance.closing.services import close_year, record_adjustment
from guyub.finance.shu.models import ShuPlan
from guyub.finance.statements.results import year_result
from guyub.ledger.models import EntryKind, JournalEntry
from guyub.ledger.services import Line
from guyub.testing.factories import MemberFactory
from guyub.testing.finance_fb import balance, book_year, income_and_expense_balances

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def closed(coop, board, last_year):
    book_year(coop, last_year, members=500_000, expenses=200_000)
    return close_year(cooperative=coop, year=last_year, actor=board)


def adjust(close, actor, *lines, date=None, reason="Faktur listrik Desember tertinggal"):
    return record_adjustment(close=close, date=date or dt.date(close.year, 12, 31),
                             lines=list(lines), reason=reason, actor=actor)


def entries(coop) -> int:
    return JournalEntry.objects.filter(cooperative=coop).count()


def test_an_expense_found_late_is_posted_in_the_closed_year_and_closed_again(coop, board,
                                                                             closed):
    adjustment = adjust(closed, board, Line("operating_expense", debit=D(40_000)),
                        Line("cash", credit=D(40_000)), date=dt.date(closed.year, 12, 20))

    assert (adjustment.entry.kind, adjustment.entry.date) == (EntryKind.ADJUSTING,
                                                              dt.date(closed.year, 12, 20))
    assert adjustment.closing_entry.kind == EntryKind.CLOSING
    assert adjustment.closing_entry.date == dt.date(closed.year, 12, 20)
    assert adjustment.reason == "Faktur listrik Desember tertinggal"
    # The closed year's income and expense accounts stay at zero; its SHU is corrected.
    assert set(income_and_expense_balances(coop, closed.year).values()) == {D(0)}
    assert balance(coop, "shu_current") == D(260_000)
    assert year_result(coop, closed.year).surplus == D(260_000)
    # The close keeps the figure it was closed with; nothing was edited.
    closed.refresh_from_db()
    assert closed.surplus == D(300_000)


def test_a_balance_sheet_correction_needs_no_second_entry(coop, board, closed):
    member = MemberFactory(cooperative=coop)
    adjustment = adjust(closed, board, Line("simpanan_wajib", debit=D(25_000), member=member),
                        Line("simpanan_sukarela", credit=D(25_000), member=member),
                        reason="Setoran salah dicatat sebagai simpanan wajib")
    assert adjustment.closing_entry is None
    assert balance(coop, "shu_current") == D(300_000)
    assert list(adjustment.entry.lines.values_list("member", flat=True)) == [member.pk] * 2


def test_an_adjustment_has_its_own_audit_entry_with_the_reason(coop, board, closed):
    adjustment = adjust(closed, board, Line("cash", debit=D(10_000)),
                        Line("income_other", credit=D(10_000)), reason="Bunga bank Desember")
    log = AuditLog.objects.filter(cooperative=coop, action="year.adjusted").get()
    assert log.actor == board
    assert log.data["reason"] == "Bunga bank Desember"
    assert log.data["entry"] == adjustment.entry.display_number
    assert log.data["closing_entry"] == adjustment.closing_entry.display_number
    assert balance(coop, "shu_current") == D(310_000)


@pytest.mark.parametrize("reason", ["", "   ", "salah\x00catat", "x" * 2001])
def test_an_adjustment_without_a_proper_reason_is_refused(coop, board, closed, reason):
    before = entries(coop)
    with pytest.raises(DomainError) as refused:
        adjust(closed, board, Line("operating_expense", debit=D(1_000)),
               Line("cash", credit=D(1_000)), reason=reason)
    assert refused.value.field == "reason"
    assert entries(coop) == before and not Adjustment.objects.exists()


@pytest.mark.parametrize("offset", [-1, 1])
def test_an_adjustment_dated_outside_the_closed_year_is_refused(coop, board, closed, offset):
    day = dt.date(closed.year, 1, 1) if offset < 0 else dt.date(closed.year, 12, 31)
    before = entries(coop)
    with pytest.raises(DomainError, match="di dalam tahun buku") as refused:
        adjust(closed, board, Line("operating_expense", debit=D(1_000)),
               Line("cash", credit=D(1_000)), date=day + dt.timedelta(days=offset))
    assert refused.value.field == "date"
    assert entries(coop) == before


def test_an_unbalanced_adjustment_is_refused_with_both_sums(coop, board, closed):
    before = entries(coop)
    with pytest.raises(DomainError, match="debit Rp.?40.000, kredit Rp.?39.000"):
        adjust(closed, board, Line("operating_expense", debit=D(40_000)),
               Line("cash", credit=D(39_000)))
    assert entries(coop) == before and not Adjustment.objects.exists()
    assert balance(coop, "shu_current") == D(300_000)


def test_an_account_of_another_cooperative_is_refused(coop, other_coop, board, closed):
    from django_scopes import scopes_disabled

    from guyub.ledger.models import Account
    with scopes_disabled():
        foreign = Account.objects.get(cooperative=other_coop, role="cash")
    with pytest.raises(DomainError, match="bukan milik"):
        adjust(closed, board, Line("operating_expense", debit=D(1_000)),
               Line(foreign, credit=D(1_000)))
    assert not Adjustment.objects.exists()


def test_a_year_whose_shu_is_posted_takes_no_adjustment(coop, board, closed):
    ShuPlan.objects.create(cooperative=coop, year=closed.year, status=ShuPlan.Status.POSTED)
    before = entries(coop)
    with pytest.raises(DomainError, match="sudah dibukukan"):
        adjust(closed, board, Line("operating_expense", debit=D(1_000)),
               Line("cash", credit=D(1_000)))
    assert entries(coop) == before


def test_a_simulated_shu_does_not_stop_an_adjustment(coop, board, closed):
    ShuPlan.objects.create(cooperative=coop, year=closed.year, status=ShuPlan.Status.PROPOSED)
    adjust(closed, board, Line("operating_expense", debit=D(1_000)),
           Line("cash", credit=D(1_000)))
    assert balance(coop, "shu_current") == D(299_000)
