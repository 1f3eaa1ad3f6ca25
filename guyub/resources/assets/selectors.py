"""Reads of the assets: the officers' list and detail, the member-facing page, who is
trained for what, and when maintenance falls due."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guyub.members.models import Member

from .models import Asset, AssetPhoto, Qualification


def asset_list(*, include_inactive: bool = False):
    assets = Asset.objects.all()
    return assets if include_inactive else assets.filter(active=True)


def asset(pk) -> Asset | None:
    return Asset.objects.filter(pk=pk).first()


def public_asset(pk) -> Asset | None:
    """What a member may open: an active asset (a retired one no longer exists for them)."""
    return Asset.objects.filter(pk=pk, active=True).first()


def photos(asset: Asset):
    return AssetPhoto.objects.filter(asset=asset).order_by("uploaded_at", "pk")


def photo(asset: Asset, pk) -> AssetPhoto | None:
    return AssetPhoto.objects.filter(asset=asset, pk=pk).first()


def qualifications(asset: Asset):
    return (Qualification.objects.filter(asset=asset).select_related("member", "granted_by")
            .order_by("member__owner_name", "pk"))


def qualification(asset: Asset, pk) -> Qualification | None:
    return Qualification.objects.filter(asset=asset, pk=pk).select_related("member").first()


def is_qualified(*, asset: Asset, member: Member | None) -> bool:
    """An asset without required training is open to everyone; otherwise only the
    members granted the qualification for it."""
    if not asset.required_training:
        return True
    return member is not None and Qualification.objects.filter(asset=asset,
                                                               member=member).exists()


def trainable_members():
    """Active members, the ones a qualification may be granted to."""
    return Member.objects.filter(status=Member.Status.ACTIVE).order_by("owner_name", "pk")


def rate_for(asset: Asset, *, member: Member | None) -> Decimal:
    return asset.member_rate if member is not None else asset.non_member_rate


def maintenance_due_on(asset: Asset) -> dt.date | None:
    """The day the next maintenance falls due: the last one plus the interval, or (never
    maintained) the day the asset was registered plus the interval."""
    if not asset.maintenance_every_days:
        return None
    start = asset.last_maintained_on or timezone.localdate(asset.created_at)
    return start + dt.timedelta(days=asset.maintenance_every_days)


def maintenance_due(asset: Asset, *, today: dt.date) -> bool:
    due = maintenance_due_on(asset)
    return due is not None and due <= today


def assets_due_for_maintenance(*, today: dt.date) -> list[tuple[Asset, dt.date]]:
    found = []
    for item in Asset.objects.filter(active=True, maintenance_every_days__isnull=False):
        due = maintenance_due_on(item)
        if due is not None and due <= today:
            found.append((item, due))
    return found


def recent_bookings(asset: Asset, *, limit: int = 20):
    """The asset's latest bookings, for the officers' hand-over and payment links."""
    from ..bookings.models import Booking

    return (Booking.objects.filter(asset=asset).select_related("member")
            .order_by("-starts_at", "-pk")[:limit])
