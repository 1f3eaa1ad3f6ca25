"""What finance tells people, through the notification service: a member that their SHU
has been posted (with their amount) and that it was paid; the board that the SHU is
waiting for the RAT's decision or that unclaimed SHU was moved per the by-laws.

Services call notify()/notify_each() with these keys inside their transaction, with a
stable event id (e.g. "shu:12:posted"), so telling twice tells nobody twice."""

from django.utils.translation import gettext_lazy as _

from guyub.notifications import Topic

SHU_POSTED = "finance.shu_posted"
SHU_PAID = "finance.shu_paid"
SHU_UNCLAIMED = "finance.shu_unclaimed"
YEAR_CLOSED = "finance.year_closed"


def topics() -> list[Topic]:
    return [
        Topic(SHU_POSTED, _("SHU dibagikan"),
              _("SHU tahun buku %(year)s sudah dibukukan. Bagian Anda %(amount)s: "
                "ambil tunai atau masukkan ke simpanan sukarela.")),
        Topic(SHU_PAID, _("SHU dibayarkan"),
              _("SHU tahun buku %(year)s sebesar %(amount)s sudah dibayarkan (%(method)s).")),
        Topic(SHU_UNCLAIMED, _("SHU tidak diambil"),
              _("SHU tahun buku %(year)s yang tidak diambil (%(amount)s) dialihkan ke "
                "%(destination)s.")),
        Topic(YEAR_CLOSED, _("Tutup buku"),
              _("Buku tahun %(year)s sudah ditutup oleh %(actor)s. SHU tahun itu "
                "%(surplus)s.")),
    ]
