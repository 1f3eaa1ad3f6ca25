"""The year-end close: a closing entry moves the year's income and expenses into its
SHU (shu_current), and the year's books are locked (a ledger PeriodClose through
31 December). A correction afterwards is an Adjustment: an adjusting entry dated in the
closed year, with its reason, never an edit."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned


class YearClose(CoopOwned):
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    # The entry moving income and expenses to SHU tahun berjalan (kind "closing");
    # none for a year without income or expenses.
    entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    # The year's SHU as closed (income − expenses; negative: a deficit).
    surplus = models.DecimalField(_("SHU tahun ini (Rp)"), max_digits=18, decimal_places=0)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "year"],
                                               name="one_close_per_year")]

    def __str__(self):
        return f"tutup buku {self.year}"


class Adjustment(CoopOwned):
    """A correction of a closed year: its adjusting entry (kind "adjusting", dated in
    that year) and, when it touched income or expenses, the entry closing them into the
    year's SHU again, so the closed year's income and expense accounts stay at zero."""

    close = models.ForeignKey(YearClose, on_delete=models.PROTECT, related_name="adjustments")
    entry = models.OneToOneField("ledger.JournalEntry", on_delete=models.PROTECT,
                                 related_name="+")
    closing_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("alasan penyesuaian"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["close", "id"]

    def __str__(self):
        return f"penyesuaian {self.close.year}: {self.reason[:40]}"
