"""The resources jobs: members are told once to bring a checked-out asset back within
the hour before it is due; waiting-list entries whose time has come expire. A second
run changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.notifications.models import Notice
from guyub.resources import jobs
from guyub.resources.bookings import services
from guyub.resources.bookings.models import Booking, WaitlistEntry
from guyub.resources.notices import DUE_BACK
from guyub.testing.bookings import at, book, make_asset, make_member

pytestmark = pytest.mark.django_db


def checked_out(booking):
    # Check-out is the hand-over's (resources.charges); here only its status matters.
    with scopes_disabled():
        Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CHECKED_OUT)


def due_back_notices(member) -> int:
    with scopes_disabled():
        return Notice.objects.filter(topic=DUE_BACK, user=member.user).count()


def test_due_back_reminds_once_within_the_hour_before_the_end(coop, monkeypatch):
    asset = make_asset(coop)
    soon, later = make_member(coop), make_member(coop)
    checked_out(book(asset, soon, at(2, 8), at(2, 10)))
    checked_out(book(make_asset(coop, name="Truk"), later, at(2, 8), at(2, 13)))
    moment = at(2, 9, 15)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    first = jobs.remind_due_back(coop)
    second = jobs.remind_due_back(coop)
    assert due_back_notices(soon) == 1 and due_back_notices(later) == 0
    assert len(first) == 1 and second == []


def test_confirmed_but_not_taken_is_not_reminded(coop, monkeypatch):
    member = make_member(coop)
    book(make_asset(coop), member, at(2, 8), at(2, 10))
    moment = at(2, 9, 30)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    jobs.remind_due_back(coop)
    assert due_back_notices(member) == 0


def test_expire_waitlist_job_expires_past_wishes_once(coop, monkeypatch):
    asset = make_asset(coop)
    book(asset, make_member(coop), at(2, 8), at(2, 10))
    member = make_member(coop)
    with scope(cooperative=coop):
        services.join_waitlist(asset=asset, member=member, starts_at=at(2, 8),
                               ends_at=at(2, 10), actor=member.user)
    moment = at(2, 8) + dt.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert len(jobs.expire_waitlist(coop)) == 1
    assert jobs.expire_waitlist(coop) == []
    with scopes_disabled():
        assert WaitlistEntry.objects.get(member=member).status == WaitlistEntry.Status.EXPIRED


def test_jobs_are_declared():
    assert {job.name for job in jobs.jobs()} == {"remind_due_back", "expire_waitlist",
                                                 "remind_maintenance"}
