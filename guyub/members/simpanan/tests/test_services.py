"""members.simpanan: pokok on approval, wajib dues, sukarela savings, settlement on exit.
Every operation posts its journal entry in the same transaction, all or nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry, JournalLine
from guyub.ledger.services import Line, close_period, post_entry
from guyub.members import services
from guyub.members.models import Member, SimpananAccount, SimpananKind, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.members.simpanan.models import SIMPANAN_ACCOUNT_ROLE
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

D = Decimal
K = SimpananKind
S = Member.Status
DAY = dt.date(2025, 3, 10)


# --- helpers ---------------------------------------------------------------------------

@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni", join_date=dt.date(2025, 3, 5))


@pytest.fixture
def applicant(coop):
    return MemberFactory(cooperative=coop, owner_name="Budi Hartono", status=S.APPLICANT,
                         number=None, join_date=None)


def lines_of(entry) -> list[tuple]:
    """(role, debit, credit, member id) of each line, in posting order."""
    with scopes_disabled():
        return [(ln.account.role, ln.debit, ln.credit, ln.member_id)
                for ln in entry.lines.select_related("account").order_by("id")]


def counts(coop) -> tuple[int, int, int]:
    with scopes_disabled():
        return (SimpananTransaction.objects.filter(cooperative=coop).count(),
                JournalEntry.objects.filter(cooperative=coop).count(),
                SimpananAccount.objects.filter(cooperative=coop, balance__gt=0).count())


def balances(member) -> dict:
    with scope(cooperative=member.cooperative):
        return simpanan_reads.balances(member)


def assert_books_agree(member):
    """The member's balance rows equal their sub-ledgers, and the books balance."""
    with scope(cooperative=member.cooperative):
        for kind, role in SIMPANAN_ACCOUNT_ROLE.items():
            assert simpanan_reads.balances(member)[kind] == ledger.member_balance(
                member=member, role=role), kind
        rows = ledger.trial_balance(as_of=dt.date(2100, 1, 1))
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def run(coop, operation, **kwargs):
    with scope(cooperative=coop):
        return operation(**kwargs)


def deposit(member, amount, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.deposit_sukarela, member=member, actor=None,
               date=date, amount=amount, **kwargs)


def withdraw(member, amount, kind=K.SUKARELA, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.withdraw, member=member, actor=None, kind=kind,
               date=date, amount=amount, **kwargs)


def pay_wajib(member, months, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.pay_wajib, member=member, actor=None, date=date,
               months=months, **kwargs)


def owe(member, amount):
    """The member bought on credit: Dr piutang anggota (member) / Cr pendapatan."""
    with scope(cooperative=member.cooperative):
        return post_entry(cooperative=member.cooperative, date=DAY,
                          description="Pembelian bahan baku secara kredit", lines=[
                              Line(account="receivable_members", debit=D(amount),
                                   member=member),
                              Line(account="income_members", credit=D(amount))])


# --- simpanan pokok -----------------------------------------------------------------------

def test_approval_records_simpanan_pokok_at_the_by_law_amount(coop, board, applicant):
    coop.simpanan_pokok_amount = D(150_000)
    coop.save()
    with scope(cooperative=coop):
        services.change_status(member=applicant, actor=board, to_status=S.ACTIVE, date=DAY,
                               method="bank")
        tx = SimpananTransaction.objects.get(member=applicant)
    assert (tx.kind, tx.type, tx.amount, tx.date, tx.method, tx.created_by) == (
        K.POKOK, "deposit", 150_000, DAY, "bank", board)
    assert lines_of(tx.entry) == [("bank", 150_000, 0, None),
                                  ("simpanan_pokok", 0, 150_000, applicant.pk)]
    assert tx.entry.description == "Simpanan pokok Budi Hartono"
    assert balances(applicant)[K.POKOK] == 150_000
    assert_books_agree(applicant)


def test_approval_records_nothing_when_the_by_laws_set_no_pokok(coop, board, applicant):
    coop.simpanan_pokok_amount = D(0)
    coop.save()
    with scope(cooperative=coop):
        member = services.change_status(member=applicant, actor=board, to_status=S.ACTIVE,
                                        date=DAY)
    assert member.status == S.ACTIVE
    assert counts(coop) == (0, 0, 0)


def test_registering_a_member_from_paper_records_pokok_on_the_join_date(coop, board):
    profile = {"owner_name": "Sri Wahyuni", "nik": "3404015703800002",
               "business_name": "Keripik Tempe Bu Sri", "province": "34",
               "regency": "Sleman", "sector": "makanan_ringan"}
    with scope(cooperative=coop):
        member = services.register_member(cooperative=coop, actor=board, profile=profile,
                                          join_date=dt.date(2019, 7, 1))
        tx = SimpananTransaction.objects.get(member=member)
    assert (tx.kind, tx.amount, tx.date) == (K.POKOK, 100_000, dt.date(2019, 7, 1))
    assert tx.entry.date == dt.date(2019, 7, 1)
    assert_books_agree(member)


def test_simpanan_pokok_cannot_be_paid_twice(coop, member):
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    with pytest.raises(DomainError, match="sudah dibayar"):
        run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    assert counts(coop)[:2] == (1, 1)
    assert balances(member)[K.POKOK] == 100_000


# --- simpanan wajib -----------------------------------------------------------------------

def test_wajib_for_several_months_costs_months_times_the_by_law_amount(coop, member):
    tx = pay_wajib(member, 3, method="bank")
    assert (tx.kind, tx.type, tx.amount, tx.months) == (K.WAJIB, "deposit", 75_000, 3)
    assert lines_of(tx.entry) == [("bank", 75_000, 0, None),
                                  ("simpanan_wajib", 0, 75_000, member.pk)]
    assert "3 bulan" in tx.entry.description
    pay_wajib(member, 2)
    with scopes_disabled():
        account = SimpananAccount.objects.get(member=member, kind=K.WAJIB)
    assert (account.balance, account.months_paid) == (125_000, 5)
    assert_books_agree(member)


def test_wajib_follows_the_by_law_amount_of_the_day(coop, member):
    coop.simpanan_wajib_amount = D(40_000)
    coop.save()
    assert pay_wajib(member, 12).amount == 480_000


@pytest.mark.parametrize("months", [0, -1, 61])
def test_wajib_months_must_be_between_1_and_60(coop, member, months):
    with pytest.raises(DomainError) as refused:
        pay_wajib(member, months)
    assert refused.value.field == "months"
    assert refused.value.message == "Jumlah bulan harus antara 1 dan 60."
    assert counts(coop) == (0, 0, 0)


def test_wajib_is_refused_when_the_by_laws_set_none(coop, member):
    coop.simpanan_wajib_amount = D(0)
    coop.save()
    with pytest.raises(DomainError, match="tidak menetapkan simpanan wajib"):
        pay_wajib(member, 1)
    assert counts(coop) == (0, 0, 0)


# --- arrears -----------------------------------------------------------------------------

def arrears(member, as_of):
    with scope(cooperative=member.cooperative):
        return simpanan_reads.arrears(member, as_of)


def test_arrears_count_the_months_since_joining_not_yet_paid(coop, member):
    # Joined in March; by June four months are due (Mar, Apr, May, Jun); two are paid.
    pay_wajib(member, 2, date=dt.date(2025, 4, 1))
    assert arrears(member, dt.date(2025, 6, 30)) == (2, 50_000)
    # On 1 June, June's dues are not late yet (due on the 10th, the default by-law day).
    assert arrears(member, dt.date(2025, 6, 1)) == (1, 25_000)
    assert arrears(member, dt.date(2025, 6, 11)) == (2, 50_000)
    assert arrears(member, dt.date(2025, 4, 30)) == (0, 0)


def test_arrears_before_the_payment_count_it_not(coop, member):
    pay_wajib(member, 2, date=dt.date(2025, 5, 20))
    assert arrears(member, dt.date(2025, 4, 30)) == (2, 50_000)
    assert arrears(member, dt.date(2025, 5, 31)) == (1, 25_000)


def test_paying_ahead_leaves_no_arrears(coop, member):
    pay_wajib(member, 12, date=dt.date(2025, 3, 5))
    assert arrears(member, dt.date(2025, 6, 30)) == (0, 0)
    assert arrears(member, dt.date(2026, 3, 10)) == (0, 0)
    assert arrears(member, dt.date(2026, 3, 11)) == (1, 25_000)


def test_a_member_has_no_arrears_before_joining_or_after_leaving(coop, member):
    assert arrears(member, dt.date(2025, 3, 4)) == (0, 0)
    # Approved today is not in arrears: the joining month falls due on the 10th.
    assert arrears(member, dt.date(2025, 3, 5)) == (0, 0)
    assert arrears(member, dt.date(2025, 3, 11)) == (1, 25_000)
    member.status = S.EXITED
    assert arrears(member, dt.date(2025, 6, 30)) == (0, 0)


def test_the_due_day_comes_from_the_by_laws(coop, member):
    coop.simpanan_wajib_due_day = 25
    coop.save(update_fields=["simpanan_wajib_due_day"])
    member.cooperative = coop
    assert arrears(member, dt.date(2025, 3, 25)) == (0, 0)
    assert arrears(member, dt.date(2025, 3, 26)) == (1, 25_000)
    with scope(cooperative=coop):
        assert [row[1] for row in simpanan_reads.members_in_arrears(dt.date(2025, 3, 25))] == []
        assert [row[1] for row in simpanan_reads.members_in_arrears(dt.date(2025, 3, 26))] == [1]


def test_the_arrears_list_has_every_active_member_behind_most_months_first(coop, member):
    behind = MemberFactory(cooperative=coop, owner_name="Agus Salim",
                           join_date=dt.date(2025, 1, 10))
    paid_up = MemberFactory(cooperative=coop, join_date=dt.date(2025, 5, 2))
    MemberFactory(cooperative=coop, status=S.EXITED, join_date=dt.date(2020, 1, 1))
    MemberFactory(cooperative=coop, status=S.APPLICANT, number=None, join_date=None)
    pay_wajib(paid_up, 2, date=dt.date(2025, 5, 2))
    pay_wajib(member, 1, date=dt.date(2025, 3, 5))
    with scope(cooperative=coop):
        rows = simpanan_reads.members_in_arrears(dt.date(2025, 6, 30))
    assert [(m.pk, months, amount) for m, months, amount in rows] == [
        (behind.pk, 6, 150_000), (member.pk, 3, 75_000)]


# --- simpanan sukarela -------------------------------------------------------------------

def test_a_sukarela_deposit_and_withdrawal_move_the_balance_and_the_books(coop, board, member):
    deposited = run(coop, simpanan.deposit_sukarela, member=member, actor=board, date=DAY,
                    amount="1250000", note="Hasil panen")
    assert (deposited.kind, deposited.type, deposited.amount, deposited.note) == (
        K.SUKARELA, "deposit", 1_250_000, "Hasil panen")
    assert lines_of(deposited.entry) == [("cash", 1_250_000, 0, None),
                                         ("simpanan_sukarela", 0, 1_250_000, member.pk)]
    withdrawn = withdraw(member, 250_000, method="bank")
    assert lines_of(withdrawn.entry) == [("bank", 0, 250_000, None),
                                         ("simpanan_sukarela", 250_000, 0, member.pk)]
    assert withdrawn.signed_amount == -250_000
    assert balances(member) == {K.POKOK: 0, K.WAJIB: 0, K.SUKARELA: 1_000_000}
    with scope(cooperative=coop):
        log = AuditLog.objects.get(action="simpanan.sukarela.deposit")
    assert (log.actor, log.data["amount"], log.data["receipt"]) == (board, "1250000",
                                                                    "BS-000001")
    assert_books_agree(member)


def test_the_whole_balance_can_be_withdrawn(coop, member):
    deposit(member, 50_000)
    withdraw(member, 50_000)
    assert balances(member)[K.SUKARELA] == 0
    assert_books_agree(member)


def test_a_withdrawal_above_the_balance_is_refused_naming_the_balance(coop, member):
    deposit(member, 50_000)
    before = counts(coop)
    with pytest.raises(DomainError) as refused:
        withdraw(member, 50_001)
    assert refused.value.field == "amount"
    assert refused.value.message == ("Saldo simpanan sukarela tidak cukup: saldo Rp50.000, "
                                     "diminta Rp50.001.")
    assert counts(coop) == before
    assert balances(member)[K.SUKARELA] == 50_000


def test_a_withdrawal_without_any_savings_is_refused(coop, member):
    with pytest.raises(DomainError, match="saldo Rp0"):
        withdraw(member, 1)
    assert counts(coop)[:2] == (0, 0)


@pytest.mark.parametrize("kind", [K.POKOK, K.WAJIB])
def test_pokok_and_wajib_cannot_be_withdrawn_while_a_member(coop, member, kind):
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    pay_wajib(member, 4)
    before = counts(coop)
    with pytest.raises(DomainError, match="tidak dapat ditarik selama masih menjadi anggota"):
        withdraw(member, 25_000, kind=kind)
    assert counts(coop) == before
    assert_books_agree(member)


@pytest.mark.parametrize("amount", [0, -5_000, "1000.5", "seribu", None, "NaN", "sNaN",
                                    "Infinity", "-Infinity"])
def test_a_sukarela_amount_must_be_whole_rupiah_above_zero(coop, member, amount):
    with pytest.raises(DomainError) as refused:
        deposit(member, amount)
    assert refused.value.field == "amount"
    deposit(member, 10_000)
    with pytest.raises(DomainError):
        withdraw(member, amount)
    assert counts(coop)[:2] == (1, 1)


def test_an_unknown_payment_method_is_refused(coop, member):
    with pytest.raises(DomainError, match="Cara bayar tidak dikenal") as refused:
        deposit(member, 10_000, method="cek")
    assert refused.value.field == "method"
    assert counts(coop) == (0, 0, 0)


@pytest.mark.parametrize("status", [S.APPLICANT, S.REJECTED, S.EXITED, S.EXPELLED])
def test_only_an_active_member_can_transact(coop, status):
    member = MemberFactory(cooperative=coop, status=status)
    for operation in (lambda: deposit(member, 10_000), lambda: pay_wajib(member, 1),
                      lambda: withdraw(member, 10_000)):
        with pytest.raises(DomainError, match="Hanya anggota aktif"):
            operation()
    assert counts(coop) == (0, 0, 0)


# --- every transaction has its entry, all or nothing ---------------------------------------

def test_every_simpanan_transaction_has_its_own_entry_pointing_back(coop, member):
    made = [run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY),
            pay_wajib(member, 2), deposit(member, 30_000), withdraw(member, 10_000)]
    with scopes_disabled():
        for tx in made:
            entry = JournalEntry.objects.get(pk=tx.entry_id)
            assert (entry.source_type, entry.source_id) == ("members.simpanantransaction",
                                                            str(tx.pk))
            assert entry.source_url == f"/k/{coop.slug}/anggota/{member.pk}/#simpanan"
            assert entry.date == tx.date
            assert sum(ln.debit for ln in entry.lines.all()) == tx.amount
    assert [tx.receipt_display for tx in made] == ["BS-000001", "BS-000002", "BS-000003",
                                                   "BS-000004"]
    assert_books_agree(member)


def test_an_entry_that_cannot_be_posted_leaves_no_transaction_behind(coop, board, member):
    deposit(member, 80_000, date=dt.date(2025, 3, 31))
    with scope(cooperative=coop):
        close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
    before = counts(coop)
    # The transaction row is written before the entry; the refused entry takes it along.
    for operation in (lambda: deposit(member, 10_000, date=dt.date(2025, 3, 1)),
                      lambda: withdraw(member, 10_000, date=dt.date(2025, 3, 1)),
                      lambda: pay_wajib(member, 1, date=dt.date(2025, 3, 1))):
        with pytest.raises(DomainError, match="sudah ditutup"):
            operation()
    assert counts(coop) == before
    assert balances(member)[K.SUKARELA] == 80_000
    with scope(cooperative=coop):
        assert not AuditLog.objects.filter(action="simpanan.sukarela.withdrawal").exists()
    assert_books_agree(member)


def test_a_refused_withdrawal_leaves_no_rows(coop, member):
    deposit(member, 10_000)
    with scopes_disabled():
        before = (SimpananTransaction.objects.count(), JournalEntry.objects.count(),
                  JournalLine.objects.count(), AuditLog.objects.count())
    with pytest.raises(DomainError):
        withdraw(member, 10_001)
    with scopes_disabled():
        assert (SimpananTransaction.objects.count(), JournalEntry.objects.count(),
                JournalLine.objects.count(), AuditLog.objects.count()) == before


# --- settlement on exit ------------------------------------------------------------------

@pytest.fixture
def saver(coop, member):
    """A member with pokok Rp100.000, wajib Rp75.000 and sukarela Rp200.000."""
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    pay_wajib(member, 3)
    deposit(member, 250_000)
    withdraw(member, 50_000)
    return member


def leave(member, actor, to_status=S.EXITED, method="cash", date=dt.date(2025, 6, 30)):
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
        (K.POKOK, 100_000), (K.SUKARELA, 200_000), (K.WAJIB, 75_000)]
    assert {t.entry_id for t in settled} == {entry.pk}
    assert len({t.receipt_number for t in settled}) == 1
    assert all(t.note == "dikurangi utang Rp60.000" for t in settled)
    assert balances(saver) == {K.POKOK: 0, K.WAJIB: 0, K.SUKARELA: 0}
    with scope(cooperative=coop):
        assert ledger.member_balance(member=saver, role="receivable_members") == 0
        assert AuditLog.objects.get(action="simpanan.settlement").data["payout"] == "315000"
    assert_books_agree(saver)


def test_expulsion_settles_the_same_way_paid_by_bank(coop, board, saver):
    last = counts(coop)[1]
    leave(saver, board, to_status=S.EXPELLED, method="bank")
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
    assert balances(saver) == {K.POKOK: 0, K.WAJIB: 0, K.SUKARELA: 0}
    assert_books_agree(saver)


def test_a_member_leaving_with_no_simpanan_posts_nothing(coop, board, member):
    with scope(cooperative=coop):
        services.change_status(member=member, actor=board, to_status=S.EXITED, date=DAY)
    assert counts(coop) == (0, 0, 0)


def test_a_refused_settlement_leaves_the_member_and_the_books_as_they_were(coop, board, saver):
    with scope(cooperative=coop):
        close_period(cooperative=coop, actor=board, through=dt.date(2025, 6, 30))
    before = counts(coop)
    with pytest.raises(DomainError, match="sudah ditutup"):
        leave(saver, board, date=dt.date(2025, 6, 30))
    with scopes_disabled():
        saver.refresh_from_db()
    assert saver.status == S.ACTIVE
    assert counts(coop) == before
    assert balances(saver) == {K.POKOK: 100_000, K.WAJIB: 75_000, K.SUKARELA: 200_000}
    assert_books_agree(saver)


def test_after_leaving_nothing_more_can_be_paid_in(coop, board, saver):
    leave(saver, board)
    with scopes_disabled():
        saver.refresh_from_db()
    with pytest.raises(DomainError, match="Hanya anggota aktif"):
        deposit(saver, 10_000)
