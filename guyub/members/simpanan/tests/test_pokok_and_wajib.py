"""Simpanan pokok on approval and registration; simpanan wajib dues."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.members import services
from guyub.members.models import SimpananAccount, SimpananTransaction
from guyub.members.simpanan import services as simpanan

from .helpers import (
    DAY,
    Kind,
    Status,
    assert_books_agree,
    balances,
    counts,
    lines_of,
    pay_wajib,
    run,
)

pytestmark = pytest.mark.django_db


# --- simpanan pokok -----------------------------------------------------------------------

def test_approval_records_simpanan_pokok_at_the_by_law_amount(coop, board, applicant):
    coop.simpanan_pokok_amount = Decimal(150_000)
    coop.save()
    with scope(cooperative=coop):
        services.change_status(member=applicant, actor=board, to_status=Status.ACTIVE, date=DAY,
                               method="bank")
        tx = SimpananTransaction.objects.get(member=applicant)
    assert (tx.kind, tx.type, tx.amount, tx.date, tx.method, tx.created_by) == (
        Kind.POKOK, "deposit", 150_000, DAY, "bank", board)
    assert lines_of(tx.entry) == [("bank", 150_000, 0, None),
                                  ("simpanan_pokok", 0, 150_000, applicant.pk)]
    assert tx.entry.description == "Simpanan pokok Budi Hartono"
    assert balances(applicant)[Kind.POKOK] == 150_000
    assert_books_agree(applicant)


def test_approval_records_nothing_when_the_by_laws_set_no_pokok(coop, board, applicant):
    coop.simpanan_pokok_amount = Decimal(0)
    coop.save()
    with scope(cooperative=coop):
        member = services.change_status(member=applicant, actor=board, to_status=Status.ACTIVE,
                                        date=DAY)
    assert member.status == Status.ACTIVE
    assert counts(coop) == (0, 0, 0)


def test_registering_a_member_from_paper_records_pokok_on_the_join_date(coop, board):
    profile = {"owner_name": "Sri Wahyuni", "nik": "3404015703800002",
               "business_name": "Keripik Tempe Bu Sri", "province": "34",
               "regency": "Sleman", "sector": "makanan_ringan"}
    with scope(cooperative=coop):
        member = services.register_member(cooperative=coop, actor=board, profile=profile,
                                          join_date=dt.date(2019, 7, 1))
        tx = SimpananTransaction.objects.get(member=member)
    assert (tx.kind, tx.amount, tx.date) == (Kind.POKOK, 100_000, dt.date(2019, 7, 1))
    assert tx.entry.date == dt.date(2019, 7, 1)
    assert_books_agree(member)


def test_simpanan_pokok_cannot_be_paid_twice(coop, member):
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    with pytest.raises(DomainError, match="sudah dibayar"):
        run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    assert counts(coop)[:2] == (1, 1)
    assert balances(member)[Kind.POKOK] == 100_000


# --- simpanan wajib -----------------------------------------------------------------------

def test_wajib_for_several_months_costs_months_times_the_by_law_amount(coop, member):
    tx = pay_wajib(member, 3, method="bank")
    assert (tx.kind, tx.type, tx.amount, tx.months) == (Kind.WAJIB, "deposit", 75_000, 3)
    assert lines_of(tx.entry) == [("bank", 75_000, 0, None),
                                  ("simpanan_wajib", 0, 75_000, member.pk)]
    assert "3 bulan" in tx.entry.description
    pay_wajib(member, 2)
    with scopes_disabled():
        account = SimpananAccount.objects.get(member=member, kind=Kind.WAJIB)
    assert (account.balance, account.months_paid) == (125_000, 5)
    assert_books_agree(member)


def test_wajib_follows_the_by_law_amount_of_the_day(coop, member):
    coop.simpanan_wajib_amount = Decimal(40_000)
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
    coop.simpanan_wajib_amount = Decimal(0)
    coop.save()
    with pytest.raises(DomainError, match="tidak menetapkan simpanan wajib"):
        pay_wajib(member, 1)
    assert counts(coop) == (0, 0, 0)
