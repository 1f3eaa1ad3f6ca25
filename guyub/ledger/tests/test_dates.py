"""The dates a money event may carry: between the cooperative's founding and today, not
before the member involved joined, and not in a closed period. One rule in the posting
path, so every writer (simpanan, sales, purchasing, reversals) obeys it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.ledger import services
from guyub.ledger.models import JournalEntry
from guyub.ledger.services import Line, post_entry
from guyub.testing.factories import CooperativeFactory, MemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def attempt(coop, date, member=None):
    with scope(cooperative=coop):
        return post_entry(cooperative=coop, date=date, description="Uji tanggal", lines=[
            Line(account="cash", debit=Decimal(1000)),
            Line(account="simpanan_sukarela" if member else "income_other",
                 credit=Decimal(1000), member=member)])


def refused(coop, date, member=None) -> DomainError:
    with scopes_disabled():
        before = JournalEntry.objects.filter(cooperative=coop).count()
    with pytest.raises(DomainError) as error:
        attempt(coop, date, member)
    with scopes_disabled():
        assert JournalEntry.objects.filter(cooperative=coop).count() == before
    assert error.value.field == "date"
    return error.value


def test_a_date_in_the_window_is_posted(coop):
    assert attempt(coop, TODAY).date == TODAY
    assert attempt(coop, coop.founded_on).date == coop.founded_on


@pytest.mark.parametrize("date", [dt.date(1990, 1, 1), dt.date(1, 1, 1), dt.date(2014, 12, 31)])
def test_a_date_before_the_founding_is_refused(coop, date):
    error = refused(coop, date)
    assert "sebelum koperasi berdiri (01-01-2015)" in error.message


@pytest.mark.parametrize("date", [dt.date(2025, 7, 1), dt.date(9999, 12, 31)])
def test_a_date_in_the_future_is_refused(coop, date):
    assert "masa depan; hari ini 30-06-2025" in refused(coop, date).message


def test_without_a_founding_date_the_day_it_joined_guyub_is_the_start(db):
    coop = CooperativeFactory(founded_on=None)
    with scopes_disabled():
        joined = timezone.localdate(coop.created_at)
    error = refused(coop, joined - dt.timedelta(days=1))
    assert "sebelum koperasi mulai memakai Guyub" in error.message
    assert "tanggal berdiri" in error.message


def test_a_date_before_the_member_joined_is_refused(coop):
    member = MemberFactory(cooperative=coop, owner_name="Sri Wahyuni",
                           join_date=dt.date(2025, 3, 5))
    error = refused(coop, dt.date(2025, 3, 4), member)
    assert error.message == "Tanggal 04-03-2025 sebelum Sri Wahyuni menjadi anggota (05-03-2025)."
    assert attempt(coop, dt.date(2025, 3, 5), member).date == dt.date(2025, 3, 5)


def test_a_date_in_a_closed_period_is_refused(coop, board):
    with scope(cooperative=coop):
        services.close_period(cooperative=coop, actor=board, through=dt.date(2024, 12, 31))
    assert "sudah ditutup" in refused(coop, dt.date(2024, 12, 31)).message
    assert attempt(coop, dt.date(2025, 1, 1)).date == dt.date(2025, 1, 1)
