"""The help board (papan bantuan): members' needs and offers, their reply threads, and
the mentor list.

Posts and replies are the members' own words: the author marks a post done; officers
may hide an abusive post or reply (with a reason, audited) but never edit or delete
it, so what was said stays on record for the board."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.members.models import Sector

TITLE_MAX = 150
TEXT_MAX = 4000
LOCATION_MAX = 120
REASON_MAX = 500


class Post(CoopOwned):
    class Kind(models.TextChoices):
        NEED = "need", _("Butuh bantuan")
        OFFER = "offer", _("Menawarkan bantuan")

    class Category(models.TextChoices):
        SKILL = "skill", _("Keahlian")
        MACHINE = "machine", _("Jam mesin")
        RIDE = "ride", _("Tumpangan ke pasar")
        TRAINING = "training", _("Pelatihan")
        PACKAGING = "packaging", _("Kemasan curah bersama")
        OTHER = "other", _("Lainnya")

    author = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    category = models.CharField(_("kategori"), max_length=12, choices=Category.choices)
    title = models.CharField(_("judul"), max_length=TITLE_MAX)
    text = models.TextField(_("uraian"), max_length=TEXT_MAX)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices, blank=True)
    location = models.CharField(_("lokasi"), max_length=LOCATION_MAX, blank=True)
    done = models.BooleanField(_("selesai"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=REASON_MAX, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cooperative", "hidden", "done", "-created_at"])]

    def __str__(self):
        return self.title


class Reply(CoopOwned):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="replies")
    author = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("balasan"), max_length=TEXT_MAX)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=REASON_MAX, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"#{self.pk}"


class Mentor(CoopOwned):
    """A member who offers to teach: their sectors (their own business's sector by
    default) and what they can teach. `share_phone` lets other members of the same
    cooperative reach them by WhatsApp click-to-chat."""

    member = models.OneToOneField("members.Member", on_delete=models.PROTECT,
                                  related_name="+")
    sectors = models.JSONField(default=list)
    teaches = models.TextField(_("yang dapat diajarkan"), max_length=2000)
    share_phone = models.BooleanField(_("tampilkan tautan WhatsApp"), default=False)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member__owner_name", "id"]

    def __str__(self):
        return str(self.member)

    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels[s]) for s in self.sectors if s in labels]
