"""Booking test worlds: assets of each shape (a plain roaster needing training, a
divisible cold room, a capped one, one needing approval), members, and times in the
future in the cooperative's time zone."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.members.models import Member
from guyub.resources.assets.models import Asset, Qualification
from guyub.resources.bookings import services
from guyub.testing.factories import MemberFactory, UserFactory


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time `days` from today (aware)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def weekday_at(weeks: int, weekday: int, hour: int) -> dt.datetime:
    """`hour` on `weekday` (0 = Monday) of the ISO week `weeks` from this one."""
    today = timezone.localdate()
    day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks, days=weekday)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_asset(coop, **fields) -> Asset:
    values = {"name": "Mesin sangrai kopi", "kind": Asset.Kind.EQUIPMENT, "units": 1,
              "member_rate": Decimal("50000"), "non_member_rate": Decimal("80000"),
              "free_cancel_hours": 24}
    values.update(fields)
    with scopes_disabled():
        return Asset.objects.create(cooperative=coop, **values)


def make_member(coop, *, with_login: bool = True, **fields) -> Member:
    with scopes_disabled():
        member = MemberFactory(cooperative=coop, **fields)
        if with_login:
            user = UserFactory()
            CoopRole.objects.create(cooperative=coop, user=user, role=Role.MEMBER)
            member.user = user
            member.save(update_fields=["user"])
    return member


def qualify(asset, member) -> None:
    with scopes_disabled():
        Qualification.objects.create(cooperative=asset.cooperative, asset=asset, member=member)


def book(asset, member, starts_at, ends_at, *, actor=None, **kwargs):
    """Book in the asset's cooperative scope, as the member (or `actor`)."""
    with scope(cooperative=asset.cooperative):
        return services.book(asset=asset, member=member, starts_at=starts_at,
                             ends_at=ends_at, actor=actor or member.user, **kwargs)


def bookings_walk_world(cooperative, actor, member) -> dict:
    """What the permission and tenant walks point the booking pages at: an asset with a
    confirmed booking of the walk's member, a maintenance window, a waiting entry."""
    asset = make_asset(cooperative, name="Ruang pendingin (walk)", units=4,
                       unit_label="rak", requires_approval=False)
    booking = book(asset, member, at(3, 8), at(3, 10), actor=actor, units=4)
    with scope(cooperative=cooperative):
        window = services.schedule_maintenance(asset=asset, starts_at=at(5, 8),
                                               ends_at=at(5, 12), note="Servis", actor=actor)
        entry = services.join_waitlist(asset=asset, member=member, starts_at=at(3, 8),
                                       ends_at=at(3, 10), units=1, actor=actor)
    return {"booking_asset": asset, "booking": booking, "maintenance_window": window,
            "waitlist_entry": entry}
