"""Paying a posted SHU share: cash, bank or into simpanan sukarela, each ONE balanced
entry that settles the member's SHU payable; paid once; only posted, unpaid shares; an
exited member cannot take it into sukarela."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from django_scopes import scope

from guyub.core.audit import AuditLog
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.finance import notices
from guyub.finance.shu.models import ShuPlan, ShuShare
from guyub.finance.shu.payouts import pay_share
from guyub.ledger.models import JournalEntry, JournalLine
from guyub.ledger.selectors import member_balance
from guyub.members.models import Member
from guyub.members.simpanan.models import SimpananAccount, SimpananTransaction
from guyub.notifications.models import Notice
from guyub.testing.finance_members import (
    POSTED_ON,
    YEAR,
    member_login,
    posted_plan,
    share_of,
)

pytestmark = pytest.mark.django_db
PAID_ON = timezone.localdate()


@pytest.fixture
def people(coop):
    return {"ani": member_login(coop, "Ani Lestari"), "budi": member_login(coop, "Budi Santoso")}


@pytest.fixture
def plan(coop, people):
    return posted_plan(coop, {people["ani"]: {"jasa_modal": 120_000, "jasa_usaha": 80_500},
                              people["budi"]: {"jasa_modal": 30_000, "jasa_usaha": 0}})


def pay(share, method, actor=None, date=PAID_ON):
    with scope(cooperative=share.cooperative):
        return pay_share(share=share, method=method, actor=actor, date=date)


def lines_of(entry):
    return list(JournalLine.objects.filter(entry=entry).select_related("account"))


@pytest.mark.parametrize("method", ["cash", "bank"])
def test_cash_or_bank_is_one_balanced_entry_that_settles_the_payable(coop, board, people,
                                                                     plan, method):
    share = pay(share_of(plan, people["ani"]), method, board)

    with scope(cooperative=coop):
        lines = lines_of(share.paid_entry)
        assert sorted((ln.account.role, ln.debit, ln.credit, ln.member_id) for ln in lines) == [
            (method, 0, Decimal(200_500), None),
            ("shu_payable", Decimal(200_500), 0, people["ani"].pk)]
        assert member_balance(member=people["ani"], role="shu_payable") == 0
        # Budi's payable is untouched.
        assert member_balance(member=people["budi"], role="shu_payable") == 30_000
        stored = ShuShare.objects.get(pk=share.pk)
    assert stored.payout == method and stored.paid_by == board and stored.paid_at
    assert stored.paid_entry.date == PAID_ON


def test_into_sukarela_grows_the_balance_and_the_passbook_in_the_same_entry(coop, people,
                                                                            plan):
    ani = people["ani"]
    share = pay(share_of(plan, ani), "sukarela", ani.user)

    with scope(cooperative=coop):
        lines = lines_of(share.paid_entry)
        assert sorted((ln.account.role, ln.debit, ln.credit) for ln in lines) == [
            ("shu_payable", Decimal(200_500), 0), ("simpanan_sukarela", 0, Decimal(200_500))]
        assert all(ln.member_id == ani.pk for ln in lines)
        account = SimpananAccount.objects.get(member=ani, kind="sukarela")
        assert account.balance == 200_500
        assert member_balance(member=ani, role="simpanan_sukarela") == account.balance
        row = SimpananTransaction.objects.get(member=ani, kind="sukarela")
        assert (row.type, row.amount, row.entry_id) == ("deposit", 200_500, share.paid_entry_id)
        assert member_balance(member=ani, role="shu_payable") == 0


def test_the_payment_is_audited_and_the_member_told(coop, board, people, plan):
    pay(share_of(plan, people["ani"]), "cash", board)

    with scope(cooperative=coop):
        log = AuditLog.objects.get(action="shu.paid")
    assert log.actor == board and log.data["method"] == "cash"
    assert log.data["amount"] in (200_500, "200500")
    notice = Notice.objects.get(topic=notices.SHU_PAID)
    assert notice.user_id == people["ani"].user_id
    assert notice.params["amount"] == format_rupiah(200_500)


def test_a_share_is_paid_once(coop, board, people, plan):
    pay(share_of(plan, people["ani"]), "cash", board)

    with pytest.raises(DomainError, match="sudah dibayarkan"):
        pay(share_of(plan, people["ani"]), "sukarela", people["ani"].user)
    with scope(cooperative=coop):
        assert JournalEntry.objects.filter(lines__account__role="shu_payable",
                                           lines__debit__gt=0).count() == 1
        assert member_balance(member=people["ani"], role="simpanan_sukarela") == 0


def test_a_stale_copy_of_the_share_still_pays_once(coop, board, people, plan):
    # Two clicks: both requests read the unpaid share before either paid it.
    first, second = share_of(plan, people["ani"]), share_of(plan, people["ani"])
    pay(first, "cash", board)
    with pytest.raises(DomainError):
        pay(second, "bank", board)
    with scope(cooperative=coop):
        paid = (JournalLine.objects.filter(account__role="shu_payable", debit__gt=0)
                .aggregate(s=Sum("debit"))["s"])
    assert paid == 200_500


@pytest.mark.parametrize("status", [ShuPlan.Status.DRAFT, ShuPlan.Status.PROPOSED,
                                    ShuPlan.Status.WITHDRAWN])
def test_a_share_of_a_plan_not_posted_is_refused(coop, board, people, plan, status):
    with scope(cooperative=coop):
        ShuPlan.objects.filter(pk=plan.pk).update(status=status)
    with pytest.raises(DomainError, match="belum dibukukan"):
        pay(share_of(plan, people["ani"]), "cash", board)
    with scope(cooperative=coop):
        assert ShuShare.objects.get(plan=plan, member=people["ani"]).payout == ""


def test_an_unclaimed_share_or_a_zero_share_is_refused(coop, board, people, plan):
    with scope(cooperative=coop):
        ShuShare.objects.filter(member=people["budi"]).update(payout="unclaimed")
    with pytest.raises(DomainError, match="tidak diambil"):
        pay(share_of(plan, people["budi"]), "cash", board)
    nobody = member_login(coop, "Citra Dewi")
    zero = posted_plan(coop, {nobody: {"jasa_modal": 0, "jasa_usaha": 0},
                              people["ani"]: {"jasa_modal": 5, "jasa_usaha": 0}}, year=YEAR - 1)
    with pytest.raises(DomainError, match="Tidak ada SHU"):
        pay(share_of(zero, nobody), "cash", board)


def test_an_exited_member_cannot_take_it_into_sukarela_but_can_be_paid_cash(coop, board,
                                                                              people, plan):
    budi = people["budi"]
    with scope(cooperative=coop):
        Member.objects.filter(pk=budi.pk).update(status=Member.Status.EXITED)

    with pytest.raises(DomainError, match="tidak aktif") as refused:
        pay(share_of(plan, budi), "sukarela", budi.user)
    assert refused.value.field == "method"
    with scope(cooperative=coop):
        assert not SimpananTransaction.objects.filter(member=budi).exists()
    assert pay(share_of(plan, budi), "cash", board).payout == "cash"


@pytest.mark.parametrize("method", ["", "tunai", "unclaimed", None])
def test_an_unknown_method_is_refused(coop, board, people, plan, method):
    with pytest.raises(DomainError, match="tidak dikenal"):
        pay(share_of(plan, people["ani"]), method, board)


@pytest.mark.parametrize("date, message", [
    (POSTED_ON - dt.timedelta(days=1), "sebelum SHU dibukukan"),
    (dt.date(2999, 1, 1), "masa depan"),
    ("2026-01-02", "Tanggal tidak valid"),
])
def test_impossible_dates_are_refused_and_nothing_is_written(coop, board, people, plan, date,
                                                             message):
    with scope(cooperative=coop):
        before = JournalEntry.objects.count()
    with pytest.raises(DomainError, match=message):
        pay(share_of(plan, people["ani"]), "cash", board, date=date)
    with scope(cooperative=coop):
        assert JournalEntry.objects.count() == before
        assert ShuShare.objects.get(plan=plan, member=people["ani"]).payout == ""
