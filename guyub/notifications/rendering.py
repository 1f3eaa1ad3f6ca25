"""A notice as its recipient reads it, in their language: the inbox line, the e-mail,
the WhatsApp template's parameters. Links become absolute (SITE_URL) outside the site."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .topics import UnknownTopic, topic


def absolute(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + link if link else ""


def text(notice, language: str | None = None) -> str:
    """The notice's sentence, in `language` (default: the active one)."""
    with translation.override(language or translation.get_language()):
        try:
            declared = topic(notice.topic)
        except UnknownTopic:
            return notice.topic
        try:
            return str(declared.text) % notice.params
        except (KeyError, TypeError, ValueError):
            return str(declared.title)


def title(notice, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        try:
            return str(topic(notice.topic).title)
        except UnknownTopic:
            return notice.topic


def email(notice, language: str) -> tuple[str, str]:
    """(subject, plain-text body)."""
    with translation.override(language):
        lines = [text(notice, language), ""]
        if notice.link:
            lines += [absolute(notice.link), ""]
        lines += ["— " + notice.cooperative.name + " · Guyub",
                  _("Atur pemberitahuan Anda: %(url)s")
                  % {"url": absolute(reverse("notifications:preferences"))}]
        subject = f"{title(notice, language)} · {notice.cooperative.name}"
        return subject, "\n".join(lines)


def whatsapp_body(notice, language: str, to: str) -> dict:
    """The Cloud API's template message: the approved template WHATSAPP_TEMPLATE with
    three body parameters (cooperative, sentence, link)."""
    parameters = [notice.cooperative.name, text(notice, language),
                  absolute(notice.link) or settings.SITE_URL]
    return {
        "messaging_product": "whatsapp",
        "to": to,
        "type": "template",
        "template": {
            "name": settings.WHATSAPP_TEMPLATE,
            "language": {"code": language},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": value} for value in parameters]}],
        },
    }
