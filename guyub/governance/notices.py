"""What governance tells people, through the notification service: every voter on the
register about the meeting they are called to (with its agenda and documents), a proxy
holder about the vote entrusted to them, the members present about a vote opening and
its result, the elected about their seat and their term starting; the board about a RAT
that is late (the accountability RAT is due within six months after the year end).

Services call notify()/notify_each() with these keys inside their transaction, with a
stable event id (e.g. "meeting:12:called", "vote:40:closed"), so telling twice tells
nobody twice. A notice never says how anybody voted."""

from django.utils.translation import gettext_lazy as _

from guyub.notifications import Topic

MEETING_CALLED = "governance.meeting_called"
MEETING_CHANGED = "governance.meeting_changed"
PROXY_REGISTERED = "governance.proxy_registered"
VOTE_OPENED = "governance.vote_opened"
VOTE_CLOSED = "governance.vote_closed"
ELECTED = "governance.elected"
TERM_STARTED = "governance.term_started"
RAT_LATE = "governance.rat_late"
DELEGATE_CHOSEN = "governance.delegate_chosen"


def topics() -> list[Topic]:
    return [
        Topic(MEETING_CALLED, _("Undangan rapat anggota"),
              _("%(title)s pada %(when)s di %(place)s. Acara: %(agenda)s. Dokumen dan "
                "kartu hadir Anda ada di halaman rapat.")),
        Topic(MEETING_CHANGED, _("Perubahan rapat anggota"),
              _("%(title)s: %(change)s")),
        Topic(PROXY_REGISTERED, _("Kuasa suara"),
              _("%(grantor)s memberi kuasa suaranya kepada Anda untuk %(title)s. Kuasa "
                "dihitung selama Anda hadir.")),
        Topic(VOTE_OPENED, _("Pemungutan suara dibuka"),
              _("%(question)s (%(title)s). Berikan suara Anda di halaman rapat.")),
        Topic(VOTE_CLOSED, _("Hasil pemungutan suara"),
              _("%(question)s: %(result)s.")),
        Topic(ELECTED, _("Terpilih sebagai pengurus atau pengawas"),
              _("Anda terpilih sebagai %(office)s untuk masa jabatan %(start)s sampai "
                "%(end)s.")),
        Topic(TERM_STARTED, _("Masa jabatan dimulai"),
              _("Masa jabatan Anda sebagai %(office)s dimulai hari ini; akses %(office)s "
                "di Guyub sudah aktif.")),
        Topic(RAT_LATE, _("RAT terlambat"),
              _("RAT pertanggungjawaban tahun buku %(year)s seharusnya diadakan paling "
                "lambat %(deadline)s dan belum tercatat selesai.")),
        Topic(DELEGATE_CHOSEN, _("Terpilih sebagai utusan kelompok"),
              _("Rapat kelompok %(group)s memilih Anda sebagai utusan ke %(title)s.")),
    ]
