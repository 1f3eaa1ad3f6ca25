"""E-mail to the owner of an address, instead of telling the person at the form; the
register's notification topics and the phone numbers it knows (guyub.notifications)."""

import logging
import smtplib

from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from .models import Member

log = logging.getLogger(__name__)


def tell_existing_account(request, *, cooperative, email: str, password: str) -> None:
    """Someone applied with an e-mail that already has an account: no application is
    made, and the page answers as for any other. The address's owner learns it by
    e-mail, with the way to apply from their account."""
    # The same slow hash a new account costs, so the answer's timing does not tell either.
    make_password(password)
    context = {"coop": cooperative, "protocol": "https" if request.is_secure() else "http",
               "domain": request.get_host()}
    subject = render_to_string("accounts/application_existing_account_subject.txt",
                               context, request=request)
    body = render_to_string("accounts/application_existing_account_email.txt", context,
                            request=request)
    try:
        send_mail(" ".join(subject.split()), body, None, [email])
    except (OSError, smtplib.SMTPException) as error:
        # The applicant's page must not differ by whether a mail could be sent.
        log.warning("Could not e-mail %s about an application to %s: %s", email,
                    cooperative.slug, error)


# --- notifications (guyub.notifications): what the register tells people about --------

def topics() -> list:
    from guyub.notifications import Topic

    from .simpanan.notices import topics as simpanan_topics

    return simpanan_topics() + [
        Topic("members.application_received", _("Permohonan keanggotaan masuk"),
              _("%(name)s (%(business)s) mengajukan permohonan menjadi anggota.")),
        Topic("members.application_approved", _("Permohonan keanggotaan disetujui"),
              _("Selamat, permohonan Anda menjadi anggota %(coop)s disetujui. "
                "Nomor anggota Anda: %(number)s.")),
        Topic("members.application_rejected", _("Permohonan keanggotaan ditolak"),
              _("Permohonan Anda menjadi anggota %(coop)s ditolak. Alasan: %(reason)s")),
    ]


def phones(cooperative, user_ids) -> dict[int, str]:
    """The phone each of these users gave in this cooperative's register."""
    with scope(cooperative=cooperative):
        rows = (Member.objects.filter(cooperative=cooperative, user_id__in=user_ids)
                .exclude(phone="").values_list("user_id", "phone"))
        return dict(rows)
