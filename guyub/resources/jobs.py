"""resources's periodic jobs (deadlines). Each locks and re-checks its rows or tells under a
stable event id, so a second run changes nothing.

- remind_due_back: every 15 minutes, members whose checked-out booking ends within the
  next hour are told to bring the asset back (DUE_BACK). An hour, not a day: most
  bookings are a few hours long (a roast, a kitchen shift), so a day-ahead notice would
  arrive before the member even took the asset. The event id names the booking and its
  end, so each booking is reminded once (again only if its end is moved).
- expire_waitlist: hourly, waiting-list entries whose wished time has started expire.
- remind_maintenance: daily, the board and staff are told of assets due for maintenance."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from guyub.core.jobs import Done, Job
from guyub.core.jobs.each import in_each_cooperative
from guyub.notifications.services import notify

from . import maintenance
from .bookings import services as bookings
from .bookings.models import Booking
from .bookings.services.slots import when
from .notices import DUE_BACK

DUE_BACK_AHEAD = dt.timedelta(hours=1)


def remind_due_back(cooperative=None) -> list[Done]:
    now = timezone.now()

    def remind(coop) -> list[Done]:
        due = (Booking.objects.filter(status=Booking.Status.CHECKED_OUT, ends_at__gt=now,
                                      ends_at__lte=now + DUE_BACK_AHEAD,
                                      member__user__isnull=False)
               .select_related("asset", "member").order_by("pk"))
        link = reverse("resources:my_bookings", args=[coop.slug])
        told = 0
        for booking in due:
            told += notify(cooperative=coop, topic=DUE_BACK,
                           event_id=f"booking:{booking.pk}:due_back:{booking.ends_at:%Y%m%d%H%M}",
                           recipients=[booking.member.user_id], link=link,
                           params={"asset": booking.asset.name,
                                   "when": when(booking.starts_at, booking.ends_at)})
        return [Done(coop.pk, ngettext("%(n)s anggota diingatkan mengembalikan aset",
                                       "%(n)s anggota diingatkan mengembalikan aset", told)
                     % {"n": told})] if told else []

    return in_each_cooperative(cooperative, remind)


def expire_waitlist(cooperative=None) -> list[Done]:
    def expire(coop) -> list[Done]:
        expired = bookings.expire_waitlist(cooperative=coop)
        return [Done(coop.pk, ngettext("%(n)s antrean daftar tunggu kedaluwarsa",
                                       "%(n)s antrean daftar tunggu kedaluwarsa", len(expired))
                     % {"n": len(expired)})] if expired else []

    return in_each_cooperative(cooperative, expire)


def remind_maintenance(cooperative=None) -> list[Done]:
    return maintenance.remind_maintenance(cooperative, today=timezone.localdate())


def jobs() -> list[Job]:
    return [
        Job("remind_due_back",
            gettext_lazy("Mengingatkan anggota mengembalikan aset yang dipinjam"),
            remind_due_back, schedule="*/15 * * * *"),
        Job("expire_waitlist",
            gettext_lazy("Menutup daftar tunggu pemesanan yang waktunya sudah lewat"),
            expire_waitlist, schedule="5 * * * *"),
        Job("remind_maintenance",
            gettext_lazy("Memberi tahu pengurus dan staf aset yang jatuh tempo perawatan"),
            remind_maintenance, schedule="45 6 * * *"),
    ]
