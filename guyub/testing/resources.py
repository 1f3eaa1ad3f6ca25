"""A shared-resources world for tests: three assets (a roaster that needs training, a
cold room of 6 shelves, a truck let by the day) and confirmed bookings written straight
to the tables (Booking + its Slot rows + the next number, the fee charged to the
member's account), without the booking service, which has its own world
(guyub/testing/bookings.py)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django_scopes import scope

from guyub.resources.assets.models import Asset
from guyub.resources.assets.rates import booking_fee
from guyub.resources.bookings.models import Booking, Slot
from guyub.resources.charges.services import charge_booking


def roaster(cooperative, **changes) -> Asset:
    return _asset(cooperative, dict(
        name="Mesin sangrai kopi 5 kg", kind=Asset.Kind.EQUIPMENT, location="Gudang Pakem",
        usage_rules="Bersihkan silinder setelah dipakai.", fee_basis=Asset.FeeBasis.HOUR,
        member_rate=Decimal("50000"), non_member_rate=Decimal("80000"),
        deposit=Decimal("200000"), required_training="Pelatihan sangrai dasar",
        weekly_cap_hours=10, maintenance_every_days=30), changes)


def cold_room(cooperative, **changes) -> Asset:
    return _asset(cooperative, dict(
        name="Ruang pendingin", kind=Asset.Kind.SPACE, location="Pasar Induk", units=6,
        unit_label="rak", fee_basis=Asset.FeeBasis.DAY, member_rate=Decimal("15000"),
        non_member_rate=Decimal("25000")), changes)


def truck(cooperative, **changes) -> Asset:
    return _asset(cooperative, dict(
        name="Truk engkel", kind=Asset.Kind.VEHICLE, location="Kantor koperasi",
        fee_basis=Asset.FeeBasis.DAY, member_rate=Decimal("400000"),
        non_member_rate=Decimal("600000"), deposit=Decimal("500000"),
        requires_approval=True), changes)


def _asset(cooperative, fields, changes) -> Asset:
    with scope(cooperative=cooperative):
        return Asset.objects.create(cooperative=cooperative, **{**fields, **changes})


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), timezone.get_current_timezone())


def confirmed_booking(asset: Asset, *, member=None, starts_at: dt.datetime,
                      ends_at: dt.datetime, units: int = 1, renter_name: str = "",
                      actor=None, first_unit: int = 1, charge: bool = True) -> Booking:
    """A confirmed booking priced at the asset's rate, its slot rows, its fee charged."""
    cooperative = asset.cooperative
    with scope(cooperative=cooperative):
        rate = asset.member_rate if member is not None else asset.non_member_rate
        number = (Booking.objects.filter(cooperative=cooperative)
                  .aggregate(n=Max("number"))["n"] or 0) + 1
        booking = Booking.objects.create(
            cooperative=cooperative, number=number, asset=asset, member=member,
            renter_name=renter_name or ("" if member else "CV Tamu"),
            starts_at=starts_at, ends_at=ends_at, units=units,
            status=Booking.Status.CONFIRMED, deposit=asset.deposit,
            fee=booking_fee(basis=asset.fee_basis, rate=rate, starts_at=starts_at,
                            ends_at=ends_at, units=units), created_by=actor)
        Slot.objects.bulk_create([
            Slot(cooperative=cooperative, asset=asset, unit_no=first_unit + i,
                 starts_at=starts_at, ends_at=ends_at, booking=booking)
            for i in range(units)])
        if charge:
            charge_booking(booking=booking, actor=actor)
        return booking


def resources_walk_world(cooperative, actor, member) -> dict:
    """What the permission and tenant walks point the resources pages at: the roaster
    with a photo and `member` trained on it, a spare asset to retire, and a confirmed,
    charged booking of the roaster by `member`."""
    from django.core.files.base import ContentFile

    from guyub.resources.assets.models import AssetPhoto, Qualification

    main = roaster(cooperative)
    spare = truck(cooperative, name="Truk cadangan")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    booking = confirmed_booking(main, member=member, starts_at=at(tomorrow, 8),
                                ends_at=at(tomorrow, 10), actor=actor)
    with scope(cooperative=cooperative):
        photo = AssetPhoto(cooperative=cooperative, asset=main, caption="Tampak depan")
        photo.image.save("roaster.png", ContentFile(png_bytes()), save=False)
        photo.save()
        qualification = Qualification.objects.create(cooperative=cooperative, asset=main,
                                                     member=member)
    return {"asset": main, "spare_asset": spare, "asset_photo": photo,
            "qualification": qualification, "resource_booking": booking}


def png_bytes(size=(4, 4)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def books(cooperative) -> dict:
    """Each account role's balance, after checking the trial balance adds up to zero."""
    from guyub.ledger.selectors import trial_balance

    with scope(cooperative=cooperative):
        rows = trial_balance(as_of=timezone.localdate() + dt.timedelta(days=3650))
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
    return {r.account.role: r.balance for r in rows if r.account.role}


def entry_count(cooperative) -> int:
    from guyub.ledger.models import JournalEntry

    with scope(cooperative=cooperative):
        return JournalEntry.objects.count()
