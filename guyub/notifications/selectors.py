"""Reads: a user's inbox and preferences, and the contacts notify() needs in bulk."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.core.contributions import contributions

from .models import Notice, Preferences
from .phones import e164
from .topics import CHANNELS, Topic

EXTERNAL = tuple(c for c in CHANNELS if c != "inbox")
CHUNK = 5000


def inbox(user):
    return Notice.objects.filter(user=user).select_related("cooperative")


def unread_count(user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def preferences(user) -> Preferences:
    """The user's row, or an unsaved default one (nothing is written on a read)."""
    found = Preferences.objects.filter(user=user).first()
    return found or Preferences(user=user, language=settings.LANGUAGE_CODE)


def chosen_channels(prefs: Preferences | None, topic: Topic) -> set[str]:
    """The external channels this user gets `topic` on (the inbox is always on)."""
    if prefs is not None and topic.key in prefs.channels:
        return set(prefs.channels[topic.key]) & set(EXTERNAL)
    return set(topic.channels) & set(EXTERNAL)


def whatsapp_enabled() -> bool:
    return bool(settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def contacts(cooperative, user_ids: list[int], *, want_phones: bool) -> dict[int, dict]:
    """{user_id: {"prefs", "email", "whatsapp"}} for every id, in a few queries per
    5,000 users. The WhatsApp number: the user's own choice, else the one the apps
    know for them in this cooperative (hook `notification_phones`)."""
    found = {uid: {"prefs": None, "email": "", "whatsapp": ""} for uid in user_ids}
    for chunk in _chunks(user_ids):
        for uid, email in get_user_model().objects.filter(pk__in=chunk).values_list(
                "pk", "email"):
            found[uid]["email"] = email or ""
        for prefs in Preferences.objects.filter(user_id__in=chunk):
            found[prefs.user_id]["prefs"] = prefs
            found[prefs.user_id]["whatsapp"] = e164(prefs.whatsapp)
        if want_phones:
            for phones in contributions("notification_phones"):
                for uid, phone in phones(cooperative, chunk).items():
                    if uid in found and not found[uid]["whatsapp"]:
                        found[uid]["whatsapp"] = e164(phone)
    return found


def due_deliveries(now=None):
    from .models import Delivery

    return Delivery.objects.filter(status=Delivery.Status.PENDING,
                                   next_attempt_at__lte=now or timezone.now())


def already_notified(*, cooperative, event_id: str) -> bool:
    """Whether anyone was told of this event: a job that tells a whole cooperative at
    once (all or nothing) checks this first instead of offering 100,000 rows again."""
    return Notice.objects.filter(cooperative=cooperative, event_id=event_id).exists()
