"""Simpanan wajib arrears: months since joining, the by-laws' due day, the list."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.members.simpanan import selectors as simpanan_reads
from guyub.testing.factories import MemberFactory

from .helpers import (
    Status,
    pay_wajib,
)

pytestmark = pytest.mark.django_db


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
    member.status = Status.EXITED
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
    MemberFactory(cooperative=coop, status=Status.EXITED, join_date=dt.date(2020, 1, 1))
    MemberFactory(cooperative=coop, status=Status.APPLICANT, number=None, join_date=None)
    pay_wajib(paid_up, 2, date=dt.date(2025, 5, 2))
    pay_wajib(member, 1, date=dt.date(2025, 3, 5))
    with scope(cooperative=coop):
        rows = simpanan_reads.members_in_arrears(dt.date(2025, 6, 30))
    assert [(m.pk, months, amount) for m, months, amount in rows] == [
        (behind.pk, 6, 150_000), (member.pk, 3, 75_000)]
