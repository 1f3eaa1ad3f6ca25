"""The outbox: one Notice per person and event (their inbox line), one Delivery per
external channel it goes out on. Written by notify() inside the caller's transaction;
sent by sending.py.

A notice belongs to its recipient, not to the cooperative's staff: the inbox lists a
user's notices across all their cooperatives, so these are plain models (no
django-scopes manager); every read filters by the user (selectors.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative


class Notice(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notices")
    topic = models.CharField(max_length=80)
    # The caller's name for the event ("member.approved:123"): with the cooperative and
    # the user, unique, so the same event never reaches the same person twice.
    event_id = models.CharField(max_length=120)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Which notify() call wrote it (to count and send what that call added, not what
    # a concurrent or earlier call added).
    batch = models.UUIDField(editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "event_id", "user"],
                                    name="notice_once_per_event_and_user"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notice_inbox"),
            # The header's unread badge: one count over this small partial index.
            models.Index(fields=["user"], condition=Q(read_at__isnull=True),
                         name="notice_unread"),
        ]

    def __str__(self):
        return f"{self.topic} → {self.user_id} ({self.event_id})"


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # The address at the time of the event (an e-mail address or an E.164 number).
    address = models.CharField(max_length=254)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why the last attempt failed (kept when it finally fails).
    error = models.TextField(blank=True)
    # What the channel answered on success (the WhatsApp message id).
    reference = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel"], name="delivery_once_per_channel"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"),
                         name="delivery_due"),
        ]

    def __str__(self):
        return f"{self.channel} {self.address} {self.status}"


class Preferences(models.Model):
    """One user's choices: language, WhatsApp number, and which channels each topic
    uses. A topic not in `channels` uses its default (Topic.channels)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preferences")
    language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES,
                                default="id")
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    # {"members.application_approved": ["email"], ...}: the external channels chosen.
    channels = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return f"preferences of {self.user_id}"
