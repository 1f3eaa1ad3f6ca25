"""Settlement on exit or expulsion: simpanan returned less what the member owes, as one entry."""

import datetime as dt

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry
from guyub.ledger.services import close_period
from guyub.members import services
from guyub.members.models import SimpananTransaction
from guyub.members.simpanan import services as simpanan

from .helpers import (
    DAY,
    Kind,
    Status,
    assert_books_agree,
    balances,
    counts,
    deposit,
    lines_of,
    owe,
    pay_wajib,
    run,
    withdraw,
)

pytestmark = pytest.mark.django_db


# --- settlement on exit ------------------------------------------------------------------

@pytest.fixture
def saver(coop, member):
    """A member with pokok Rp100.000, wajib Rp75.000 and sukarela Rp200.000."""
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    pay_wajib(member, 3)
    deposit(member, 250_000)
    withdraw(member, 50_000)
    return member


def leave(member, actor, to_status=Status.EXITED, method="cash", date=dt.date(2025, 6, 30)):
    with scope(cooperative=member.cooperative):
        return services.change_status(member=member, actor=actor, to_status=to_status,
                                      date=date, reason="Pindah ke luar kota", method=method)


def new_entries(coop, since: int):
    with scopes_disabled():
        return list(JournalEntry.objects.filter(cooperative=coop, number__gt=since)
                    .order_by("number"))


def test_exit_returns_all_simpanan_less_what_is_owed_in_one_entry(coop, board, saver):
    owe(saver, 60_000)
    last = counts(coop)[1]
    leave(saver, board)

    [entry] = new_entries(coop, last)
    assert lines_of(entry) == [
        ("simpanan_pokok", 100_000, 0, saver.pk),
        ("simpanan_wajib", 75_000, 0, saver.pk),
        ("simpanan_sukarela", 200_000, 0, saver.pk),
        ("receivable_members", 0, 60_000, saver.pk),
        ("cash", 0, 315_000, None),
    ]
    assert entry.date == dt.date(2025, 6, 30)
    assert "Rp375.000" in entry.description and "Rp315.000" in entry.description
    with scopes_disabled():
        settled = list(SimpananTransaction.objects.filter(member=saver, type="settlement")
                       .order_by("kind"))
    assert sorted((t.kind, t.amount) for t in settled) == [
        (Kind.POKOK, 100_000), (Kind.SUKARELA, 200_000), (Kind.WAJIB, 75_000)]
    assert {t.entry_id for t in settled} == {entry.pk}
    assert len({t.receipt_number for t in settled}) == 1
    assert all(t.note == "dikurangi utang Rp60.000" for t in settled)
    assert balances(saver) == {Kind.POKOK: 0, Kind.WAJIB: 0, Kind.SUKARELA: 0}
    with scope(cooperative=coop):
        assert ledger.member_balance(member=saver, role="receivable_members") == 0
        assert AuditLog.objects.get(action="simpanan.settlement").data["payout"] == "315000"
    assert_books_agree(saver)


def test_expulsion_settles_the_same_way_paid_by_bank(coop, board, saver):
    last = counts(coop)[1]
    leave(saver, board, to_status=Status.EXPELLED, method="bank")
    [entry] = new_entries(coop, last)
    assert lines_of(entry)[-1] == ("bank", 0, 375_000, None)
    assert_books_agree(saver)


def test_a_debt_larger_than_the_simpanan_stays_owed_for_the_rest(coop, board, saver):
    owe(saver, 500_000)
    last = counts(coop)[1]
    leave(saver, board)
    [entry] = new_entries(coop, last)
    assert lines_of(entry) == [
        ("simpanan_pokok", 100_000, 0, saver.pk),
        ("simpanan_wajib", 75_000, 0, saver.pk),
        ("simpanan_sukarela", 200_000, 0, saver.pk),
        ("receivable_members", 0, 375_000, saver.pk),
    ]
    with scope(cooperative=coop):
        assert ledger.member_balance(member=saver, role="receivable_members") == 125_000
    assert balances(saver) == {Kind.POKOK: 0, Kind.WAJIB: 0, Kind.SUKARELA: 0}
    assert_books_agree(saver)


def test_a_member_leaving_with_no_simpanan_posts_nothing(coop, board, member):
    with scope(cooperative=coop):
        services.change_status(member=member, actor=board, to_status=Status.EXITED, date=DAY)
    assert counts(coop) == (0, 0, 0)


def test_a_refused_settlement_leaves_the_member_and_the_books_as_they_were(coop, board, saver):
    with scope(cooperative=coop):
        close_period(cooperative=coop, actor=board, through=dt.date(2025, 6, 30))
    before = counts(coop)
    with pytest.raises(DomainError, match="sudah ditutup"):
        leave(saver, board, date=dt.date(2025, 6, 30))
    with scopes_disabled():
        saver.refresh_from_db()
    assert saver.status == Status.ACTIVE
    assert counts(coop) == before
    assert balances(saver) == {Kind.POKOK: 100_000, Kind.WAJIB: 75_000, Kind.SUKARELA: 200_000}
    assert_books_agree(saver)


def test_after_leaving_nothing_more_can_be_paid_in(coop, board, saver):
    leave(saver, board)
    with scopes_disabled():
        saver.refresh_from_db()
    with pytest.raises(DomainError, match="Hanya anggota aktif"):
        deposit(saver, 10_000)
