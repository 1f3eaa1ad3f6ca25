"""Booking an asset: the rules a booking must meet, the slots it holds, its number, its
fee (charged to the member's account when confirmed) and the notices. A recurring
series books the same slot each week, all or nothing.

Lock order: see slots.py (asset for SQLite, cooperative row, slots)."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.core.typed_text import clean_text
from guyub.members.models import Member
from guyub.notifications.services import notify

from ...assets import rates
from ...assets.models import Asset
from ...charges.services import charge_booking
from ...notices import BOOKING_CONFIRMED, BOOKING_REQUESTED, SLOT_FREED
from .. import rules, selectors
from ..models import Booking
from . import slots

NOTE_MAX = Booking._meta.get_field("note").max_length
RENTER_MAX = Booking._meta.get_field("renter_name").max_length




def check_time(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    """A time that can be booked at all: aware, in the future, ending after it starts,
    not absurdly long or far ahead."""
    if (not isinstance(starts_at, dt.datetime) or not isinstance(ends_at, dt.datetime)
            or timezone.is_naive(starts_at) or timezone.is_naive(ends_at)):
        raise DomainError(_("Isi tanggal dan jam mulai dan selesai."), field="starts_at")
    now = timezone.now()
    if starts_at <= now:
        raise DomainError(_("Waktu mulai sudah lewat: pilih waktu yang akan datang."),
                          field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("Waktu selesai harus sesudah waktu mulai."), field="ends_at")
    if ends_at - starts_at > rules.MAX_LENGTH:
        raise DomainError(_("Satu pemesanan paling lama %(days)s hari.")
                          % {"days": rules.MAX_LENGTH.days}, field="ends_at")
    if starts_at - now > rules.MAX_AHEAD:
        raise DomainError(_("Pemesanan paling jauh satu tahun ke depan."), field="starts_at")


def check_booker(asset: Asset, member: Member | None, renter_name: str, units) -> None:
    """Who may book this asset, and how much of it."""
    if not asset.active:
        raise DomainError(_("Aset ini sedang tidak dapat dipesan."), code="conflict")
    if not isinstance(units, int) or isinstance(units, bool) or units < 1:
        raise DomainError(_("Jumlah satuan minimal 1."), field="units")
    if units > asset.units:
        raise DomainError(_("Aset ini hanya punya %(n)s satuan.") % {"n": asset.units},
                          field="units")
    if member is None:
        if not renter_name:
            raise DomainError(_("Pilih anggota, atau isi nama penyewa non-anggota."),
                              field="renter_name")
        return
    if member.cooperative_id != asset.cooperative_id or member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat memesan aset."), field="member")
    if asset.required_training and not selectors.is_qualified(asset, member):
        raise DomainError(_("Aset ini hanya untuk anggota yang sudah mengikuti pelatihan "
                            "“%(training)s”. Hubungi pengurus untuk pelatihannya.")
                          % {"training": asset.required_training}, field="member")


def check_availability(asset: Asset, member: Member | None, starts_at, ends_at) -> None:
    """Maintenance and the member's weekly cap (whether units are free is the slots')."""
    if selectors.maintenance_overlapping(asset, starts_at, ends_at).exists():
        raise DomainError(_("Aset sedang dalam perawatan pada waktu itu."), field="starts_at",
                          code="conflict")
    if member is not None and asset.weekly_cap_hours:
        local = timezone.localtime(starts_at)
        used = selectors.week_hours(asset, member, local)
        if used + rules.hours(starts_at, ends_at) > asset.weekly_cap_hours:
            raise DomainError(
                _("Batas pemakaian %(asset)s %(cap)s jam per anggota per minggu; minggu itu "
                  "Anda sudah memesan %(used)s jam.")
                % {"asset": asset.name, "cap": asset.weekly_cap_hours,
                   "used": f"{used.normalize():f}"}, field="starts_at", code="conflict")


def look(asset: Asset, member: Member | None, starts_at, ends_at, units: int) -> None:
    """Whether the time can be had: not already this member's (a second click), no
    maintenance, within the weekly cap, enough free units."""
    if member is not None:
        # A second click on "Pesan" (or a second tab): the same member, asset and time.
        twin = Booking.objects.filter(asset=asset, member=member, starts_at=starts_at,
                                      ends_at=ends_at, status__in=Booking.HOLDING).first()
        if twin is not None:
            raise DomainError(_("Anda sudah memesan %(asset)s pada waktu itu (%(number)s).")
                              % {"asset": asset.name, "number": str(twin)}, code="conflict")
    check_availability(asset, member, starts_at, ends_at)
    slots.check_free(asset, units, starts_at, ends_at)


def place(*, asset: Asset, member: Member | None, renter_name: str, starts_at, ends_at,
          units: int, actor, note: str, series: Booking | None = None,
          topic: str = BOOKING_CONFIRMED, event: str = "confirmed") -> Booking:
    """One booking, the rules already checked that do not depend on the time; the
    caller has serialised on the asset (SQLite)."""
    check_time(starts_at, ends_at)
    # Look once without a lock: a time already full (or a rule already broken) is
    # refused at once, without queueing behind the cooperative's other bookings. Then
    # take the number, whose lock (the cooperative row) serialises this cooperative's
    # bookings, and look again: now every committed booking is seen.
    look(asset, member, starts_at, ends_at, units)
    number = slots.next_number(asset.cooperative_id)
    look(asset, member, starts_at, ends_at, units)
    rate = asset.member_rate if member is not None else asset.non_member_rate
    fee = rates.booking_fee(basis=asset.fee_basis, rate=rate, starts_at=starts_at,
                            ends_at=ends_at, units=units)
    status = (Booking.Status.REQUESTED if asset.requires_approval
              else Booking.Status.CONFIRMED)
    booking = Booking.objects.create(
        cooperative_id=asset.cooperative_id, number=number,
        asset=asset, member=member, renter_name=renter_name if member is None else "",
        starts_at=starts_at, ends_at=ends_at, units=units, status=status, series=series,
        note=note, fee=fee, deposit=asset.deposit,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    slots.hold(asset=asset, count=units, starts_at=starts_at, ends_at=ends_at, booking=booking)
    if status == Booking.Status.CONFIRMED:
        charge_booking(booking=booking, actor=actor)
    tell_booked(booking, topic=topic, event=event)
    log_action(cooperative=asset.cooperative, actor=actor, action="booking.booked",
               obj=booking, asset=asset.name, member=member.pk if member else None,
               starts_at=starts_at, ends_at=ends_at, units=units, fee=fee,
               status=str(booking.get_status_display()))
    return booking


def tell_booked(booking: Booking, *, topic: str, event: str) -> None:
    coop, asset = booking.cooperative, booking.asset
    when = slots.when(booking.starts_at, booking.ends_at)
    if booking.status == Booking.Status.REQUESTED:
        managers = selectors.manager_ids(coop)
        if managers:
            who = booking.member.owner_name if booking.member_id else booking.renter_name
            notify(cooperative=coop, topic=BOOKING_REQUESTED,
                   event_id=f"booking:{booking.pk}:requested", recipients=managers,
                   link=reverse("resources:booking", args=[coop.slug, booking.pk]),
                   params={"member": who, "asset": asset.name, "when": when})
        if topic != SLOT_FREED:
            return
    if booking.member_id and booking.member.user_id:
        notify(cooperative=coop, topic=topic, event_id=f"booking:{booking.pk}:{event}",
               recipients=[booking.member.user_id],
               link=reverse("resources:my_bookings", args=[coop.slug]),
               params={"asset": asset.name, "when": when, "number": str(booking),
                       "fee": format_rupiah(booking.fee)})


@transaction.atomic
def book(*, asset: Asset, member: Member | None = None, renter_name: str = "", starts_at,
         ends_at, units: int = 1, actor, note: str = "", repeat_weeks: int = 0) -> Booking:
    """Book `units` of `asset` from starts_at to ends_at for a member (or, entered by
    staff, a non-member renter), and the same slot each week `repeat_weeks` more times
    as one series. All or nothing: a week that clashes refuses the whole series and
    says which. Returns the (first) booking."""
    asset = Asset.objects.get(pk=asset.pk)
    renter_name = clean_text(renter_name, field="renter_name", limit=RENTER_MAX, required=False)
    note = clean_text(note, field="note", limit=NOTE_MAX, required=False)
    if (not isinstance(repeat_weeks, int) or isinstance(repeat_weeks, bool)
            or not 0 <= repeat_weeks <= rules.MAX_REPEAT_WEEKS):
        raise DomainError(_("Ulangi paling banyak %(n)s minggu.")
                          % {"n": rules.MAX_REPEAT_WEEKS}, field="repeat_weeks")
    if member is not None:
        member = Member.objects.get(pk=member.pk)
    check_booker(asset, member, renter_name, units)
    check_time(starts_at, ends_at)
    slots.serialise_on_asset(asset)
    first = None
    for week in range(repeat_weeks + 1):
        shift = dt.timedelta(weeks=week)
        try:
            booking = place(asset=asset, member=member, renter_name=renter_name,
                            starts_at=starts_at + shift, ends_at=ends_at + shift, units=units,
                            actor=actor, note=note, series=first)
        except DomainError as error:
            if not week:
                raise
            error.message = _("Minggu ke-%(n)s (%(date)s): %(reason)s Tidak ada yang dipesan.") % {
                "n": week + 1, "reason": error.message,
                "date": timezone.localtime(starts_at + shift).strftime("%d-%m-%Y")}
            error.args = (str(error.message),)
            raise
        if repeat_weeks and first is None:
            first = booking
            booking.series = booking
            booking.save(update_fields=["series"])
        first = first or booking
    return first
