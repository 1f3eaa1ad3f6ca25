"""What simpanan tells a member: a receipt for each deposit and withdrawal, this
month's simpanan wajib three days before it is due, the arrears once a month after
the due day; the daily job run again tells nobody twice."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.members.simpanan import services as simpanan
from guyub.members.simpanan.notices import remind_dues
from guyub.testing.factories import MemberFactory, UserFactory
from guyub.testing.notices import inbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def sri(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni", user=UserFactory(),
                         join_date=dt.date(2025, 3, 5))


def test_each_deposit_and_withdrawal_brings_a_receipt_with_the_new_balance(coop, sri, board):
    with scope(cooperative=coop):
        deposit = simpanan.deposit_sukarela(member=sri, actor=board, date=dt.date(2025, 3, 10),
                                            amount=500_000)
        withdrawal = simpanan.withdraw(member=sri, actor=board, kind="sukarela",
                                       date=dt.date(2025, 3, 11), amount=200_000)
    latest, first = inbox(sri.user)
    assert first.topic == "simpanan.deposit"
    assert "Rp500.000" in first.text and deposit.receipt_display in first.text
    assert first.link == f"/k/{coop.slug}/simpanan/bukti/{deposit.pk}.pdf"
    assert latest.topic == "simpanan.withdrawal"
    assert "Rp200.000" in latest.text and "Saldo kini Rp300.000" in latest.text
    assert latest.link.endswith(f"/{withdrawal.pk}.pdf")


def test_wajib_is_reminded_before_the_due_day_to_those_who_have_not_paid_ahead(
        coop, sri, board):
    paid_ahead = MemberFactory(cooperative=coop, user=UserFactory(), join_date=dt.date(2025, 3, 5))
    with scope(cooperative=coop):
        simpanan.pay_wajib(member=sri, actor=board, date=dt.date(2025, 3, 5), months=3)
        simpanan.pay_wajib(member=paid_ahead, actor=board, date=dt.date(2025, 3, 5), months=12)
    remind_dues(today=dt.date(2025, 6, 6))    # too early: the due day is the 10th
    assert [n.topic for n in inbox(sri.user)][0] != "simpanan.wajib_due"
    remind_dues(today=dt.date(2025, 6, 7))
    remind_dues(today=dt.date(2025, 6, 8))    # the next day's run: not again
    due = [n for n in inbox(sri.user) if n.topic == "simpanan.wajib_due"]
    assert len(due) == 1 and "06-2025" in due[0].text and "Rp25.000" in due[0].text
    assert not [n for n in inbox(paid_ahead.user) if n.topic == "simpanan.wajib_due"]


def test_arrears_are_told_once_a_month_after_the_due_day(coop, sri, board):
    with scope(cooperative=coop):
        simpanan.pay_wajib(member=sri, actor=board, date=dt.date(2025, 4, 1), months=2)
    remind_dues(today=dt.date(2025, 6, 11))
    remind_dues(today=dt.date(2025, 6, 20))
    arrears = [n for n in inbox(sri.user) if n.topic == "simpanan.arrears"]
    assert len(arrears) == 1
    assert "2 bulan" in arrears[0].text and "Rp50.000" in arrears[0].text
    remind_dues(today=dt.date(2025, 7, 11))   # a new month, still behind: told again
    assert len([n for n in inbox(sri.user) if n.topic == "simpanan.arrears"]) == 2


def test_a_cooperative_without_simpanan_wajib_reminds_nobody(coop, sri):
    coop.simpanan_wajib_amount = 0
    coop.save(update_fields=["simpanan_wajib_amount"])
    assert remind_dues(today=dt.date(2025, 6, 7)) == []
    assert remind_dues(today=dt.date(2025, 6, 20)) == []
    assert inbox(sri.user) == []
