"""What mutual support tells people, through the notification service: the member
about their loan (the board's decision, an instalment due in three days or overdue)
and a reply to their help-board post; the board about a loan application waiting
for its decision and a hardship grant asked for.

Services call notify()/notify_each() with these keys inside their transaction, with a
stable event id (e.g. "loan:12:decided", "instalment:301:due"), so telling twice tells
nobody twice."""

from django.utils.translation import gettext_lazy as _

from guyub.notifications import Topic

LOAN_APPLIED = "support.loan_applied"
LOAN_DECIDED = "support.loan_decided"
INSTALMENT_DUE = "support.instalment_due"
INSTALMENT_OVERDUE = "support.instalment_overdue"
GRANT_REQUESTED = "support.grant_requested"
GRANT_DECIDED = "support.grant_decided"
POST_REPLY = "support.post_reply"


def topics() -> list[Topic]:
    return [
        Topic(LOAN_APPLIED, _("Pengajuan pinjaman"),
              _("%(member)s mengajukan pinjaman %(amount)s untuk %(term)s bulan. Menunggu "
                "keputusan pengurus.")),
        Topic(LOAN_DECIDED, _("Keputusan pinjaman"),
              _("Pinjaman %(number)s sebesar %(amount)s %(decision)s.%(reason)s")),
        Topic(INSTALMENT_DUE, _("Angsuran jatuh tempo"),
              _("Angsuran ke-%(seq)s pinjaman %(number)s sebesar %(amount)s jatuh tempo "
                "%(due)s.")),
        Topic(INSTALMENT_OVERDUE, _("Angsuran terlambat"),
              _("Angsuran ke-%(seq)s pinjaman %(number)s (%(amount)s) terlambat %(days)s "
                "hari. Hubungi koperasi bila ada kesulitan.")),
        Topic(GRANT_REQUESTED, _("Permohonan bantuan dana sosial"),
              _("%(member)s memohon bantuan %(amount)s: %(reason)s")),
        Topic(GRANT_DECIDED, _("Keputusan bantuan dana sosial"),
              _("Permohonan bantuan %(amount)s %(decision)s.%(reason)s")),
        Topic(POST_REPLY, _("Balasan di papan bantuan"),
              _("%(author)s membalas “%(title)s”: %(excerpt)s")),
    ]
