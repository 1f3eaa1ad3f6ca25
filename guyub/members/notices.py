"""E-mail to the owner of an address, instead of telling the person at the form."""

import logging
import smtplib

from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.template.loader import render_to_string

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
