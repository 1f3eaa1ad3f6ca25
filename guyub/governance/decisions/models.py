"""Decisions: what each agenda item decided and how (consensus, musyawarah mufakat,
or a vote), numbered per meeting and searchable across the years. The RAT's approvals
of the accounts, the SHU split and the budget are decisions of those kinds; finance
asks `decisions.selectors.approval(...)` for one before it closes a year or pays SHU.
Decisions are never edited or deleted: a later meeting's decision supersedes one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned

from ..meetings.models import AgendaItem, Meeting


class Decision(CoopOwned):
    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("Musyawarah mufakat")
        VOTE = "vote", _("Pemungutan suara")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        ELECTED = "elected", _("Terpilih")
        TIE = "tie", _("Suara sama, belum diputuskan")
        INVALID = "invalid", _("Tidak sah")
        NOTED = "noted", _("Dicatat")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    # By name, not import: decisions sit below ballots (a vote's closing records its
    # decision here).
    vote = models.OneToOneField("governance.Vote", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="decision")
    number = models.CharField(_("nomor keputusan"), max_length=40)
    kind = models.CharField(max_length=12, choices=AgendaItem.Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    method = models.CharField(_("cara memutuskan"), max_length=10, choices=Method.choices)
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices)
    text = models.TextField(_("bunyi keputusan"), max_length=5000)
    decided_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="one_decision_per_number")]
        indexes = [models.Index(fields=["cooperative", "kind", "fiscal_year"])]

    def __str__(self):
        return f"{self.number}: {self.text[:60]}"
