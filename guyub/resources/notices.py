"""What shared resources tell people, through the notification service: the member
about their booking (confirmed, waiting-listed, approved or refused, a freed slot
offered to them, the asset due back), the staff about a booking waiting for approval
and maintenance falling due.

Services call notify()/notify_each() with these keys inside their transaction, with a
stable event id (e.g. "booking:12:confirmed", "waitlist:7:offered"), so telling twice
tells nobody twice."""

from django.utils.translation import gettext_lazy as _

from guyub.notifications import Topic

BOOKING_CONFIRMED = "resources.booking_confirmed"
BOOKING_WAITLISTED = "resources.booking_waitlisted"
BOOKING_REQUESTED = "resources.booking_requested"
BOOKING_DECIDED = "resources.booking_decided"
SLOT_FREED = "resources.slot_freed"
DUE_BACK = "resources.due_back"
MAINTENANCE_DUE = "resources.maintenance_due"


def topics() -> list[Topic]:
    return [
        Topic(BOOKING_CONFIRMED, _("Pemesanan terkonfirmasi"),
              _("Pemesanan %(asset)s %(when)s terkonfirmasi (%(number)s). Biaya: %(fee)s.")),
        Topic(BOOKING_WAITLISTED, _("Masuk daftar tunggu"),
              _("%(asset)s %(when)s sudah penuh. Anda di daftar tunggu urutan %(position)s; "
                "kami kabari bila ada yang batal.")),
        Topic(BOOKING_REQUESTED, _("Pemesanan menunggu persetujuan"),
              _("%(member)s memesan %(asset)s %(when)s. Setujui atau tolak.")),
        Topic(BOOKING_DECIDED, _("Keputusan pemesanan"),
              _("Pemesanan %(asset)s %(when)s %(decision)s.%(reason)s")),
        Topic(SLOT_FREED, _("Slot kosong untuk Anda"),
              _("%(asset)s %(when)s kini kosong dan sudah dipesankan untuk Anda "
                "(%(number)s). Batalkan bila tidak jadi.")),
        Topic(DUE_BACK, _("Waktu pengembalian"),
              _("%(asset)s harus dikembalikan %(when)s.")),
        Topic(MAINTENANCE_DUE, _("Perawatan aset jatuh tempo"),
              _("%(asset)s perlu perawatan (terakhir %(last)s). Jadwalkan jendela "
                "perawatan.")),
    ]
