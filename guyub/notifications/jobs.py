"""The periodic job that sends whatever is due: deliveries waiting for their next
attempt, and notices written while a channel (the SMTP server, the WhatsApp API)
was down."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from . import sending


def send_notifications(cooperative=None) -> list[Done]:
    tally = sending.send_due(cooperative_id=cooperative.pk if cooperative else None)
    return [Done(cooperative_id=coop_id,
                 text=_("Pemberitahuan: %(sent)d terkirim, %(retrying)d dicoba lagi nanti, "
                        "%(failed)d gagal.") % {"sent": per.sent, "retrying": per.retrying,
                                               "failed": per.failed})
            for coop_id, per in sorted(tally.by_cooperative.items())]


def jobs() -> list[Job]:
    return [Job(name="send_notifications", title=gettext_lazy("Kirim pemberitahuan"),
                run=send_notifications, schedule="* * * * *")]
