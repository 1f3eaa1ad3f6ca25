"""Certificates about to expire: the member is told 60, 30 and 7 days before (a
permit that lapses takes their products out of the channels that require it). The
daily job tells each certificate once per step: the event id names the certificate,
its expiry date and the step, so a renewed certificate starts over."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job
from guyub.core.jobs.each import in_each_cooperative
from guyub.notifications import Topic
from guyub.notifications.services import notify

from .models import Certificate

EXPIRING = "catalog.certificate_expiring"
STEPS = (7, 30, 60)


def topics() -> list[Topic]:
    return [Topic(EXPIRING, gettext_lazy("Sertifikat segera berakhir"),
                  gettext_lazy("Sertifikat %(certificate)s%(product)s berakhir %(date)s "
                               "(%(days)s hari lagi). Perpanjang agar produk tetap boleh "
                               "dijual di semua saluran."))]


def step(days_left: int) -> int | None:
    """The notice step a certificate with `days_left` is in (7, 30 or 60), if any."""
    return next((s for s in STEPS if 0 <= days_left <= s), None)


def warn_expiring(cooperative=None, *, today: dt.date | None = None) -> list[Done]:
    today = today or timezone.localdate()
    return in_each_cooperative(cooperative, lambda coop: _warn(coop, today))


def _warn(coop, today: dt.date) -> list[Done]:
    last = today + dt.timedelta(days=max(STEPS))
    soon = (Certificate.objects
            .filter(expires_on__gte=today, expires_on__lte=last, member__user__isnull=False)
            .select_related("member", "product").order_by("pk"))
    done = []
    for certificate in soon:
        days_left = (certificate.expires_on - today).days
        told = notify(
            cooperative=coop, topic=EXPIRING,
            event_id=f"certificate:{certificate.pk}:{certificate.expires_on}:"
                     f"{step(days_left)}",
            recipients=[certificate.member.user_id],
            link=reverse("catalog:my_certificates", args=[coop.slug]),
            params={"certificate": f"{certificate.get_kind_display()} {certificate.number}",
                    "product": f" ({certificate.product.name})" if certificate.product
                    else "",
                    "date": f"{certificate.expires_on:%d-%m-%Y}", "days": days_left})
        if told:
            done.append(Done(coop.pk, _("%(member)s diingatkan: %(certificate)s berakhir "
                                        "%(date)s") % {
                "member": certificate.member.owner_name,
                "certificate": str(certificate), "date": f"{certificate.expires_on:%d-%m-%Y}"}))
    return done


def jobs() -> list[Job]:
    return [Job("warn_expiring_certificates",
                gettext_lazy("Mengingatkan sertifikat yang segera berakhir"),
                warn_expiring, schedule="30 7 * * *")]
