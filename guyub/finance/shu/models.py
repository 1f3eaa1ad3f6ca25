"""The SHU: the cooperative's policy (what counts as capital and business, and where
what is not shared goes), the plans the board simulates and puts to the RAT, and each
member's share of a plan, from its posting as a payable to its payment.

A plan is drafted (the board's simulation, saved), proposed (frozen: the allocation the
RAT is asked to approve), then posted after the RAT's approving decision (one balanced
entry: the year's SHU into the reserve, the funds and every member's payable). The
members' shares are written when a plan is proposed, from the figures of the closed
year; the computation itself is pure (shu/rules.py)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative, CoopOwned
from guyub.core.states import Stateful

ONE = Decimal(1)


def _weight(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2, default=ONE)


class ShuPolicy(CoopOwned):
    """The by-laws' choices the SHU follows, one row per cooperative. The portions'
    percentages are the cooperative's settings (core.Cooperative.shu_*_pct); their
    names may be the cooperative's own (portion_names: key → name, blank = the usual)."""

    class CapitalBasis(models.TextChoices):
        YEAR_END = "year_end", _("Saldo akhir tahun")
        MONTHLY_AVERAGE = "monthly_average", _("Rata-rata saldo bulanan")

    class Exited(models.TextChoices):
        EXCLUDE = "exclude", _("Tidak mendapat SHU tahun itu")
        INCLUDE = "include", _("Mendapat SHU atas modal dan transaksi sampai keluar")

    class Destination(models.TextChoices):
        RESERVE = "reserve", _("Dana cadangan")
        SOCIAL = "social_fund", _("Dana sosial")
        EDUCATION = "fund_education", _("Dana pendidikan")
        AREA = "fund_area", _("Dana pembangunan daerah kerja")
        OTHER_INCOME = "income_other", _("Pendapatan lain-lain")

    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE,
                                       related_name="shu_policy")
    portion_names = models.JSONField(default=dict, blank=True)
    capital_basis = models.CharField(_("dasar modal"), max_length=16,
                                     choices=CapitalBasis.choices,
                                     default=CapitalBasis.YEAR_END)
    capital_includes_sukarela = models.BooleanField(_("simpanan sukarela dihitung sebagai "
                                                      "modal"), default=False)
    weight_sales = _weight(_("bobot penjualan melalui koperasi"))
    weight_purchases = _weight(_("bobot pembelian bersama"))
    weight_contracts = _weight(_("bobot pengiriman kontrak"))
    weight_loan_interest = _weight(_("bobot jasa pinjaman yang dibayar"))
    weight_asset_fees = _weight(_("bobot sewa aset"))
    exited_members = models.CharField(_("anggota yang keluar selama tahun buku"),
                                      max_length=8, choices=Exited.choices,
                                      default=Exited.EXCLUDE)
    # UU 25/1992: SHU from business with non-members is not shared out to members.
    non_member_to = models.CharField(_("SHU dari non-anggota dialihkan ke"), max_length=16,
                                     choices=Destination.choices[:4],
                                     default=Destination.RESERVE)
    unclaimed_months = models.PositiveSmallIntegerField(
        _("SHU tidak diambil setelah (bulan)"), default=12)
    unclaimed_to = models.CharField(_("SHU yang tidak diambil dialihkan ke"), max_length=16,
                                    choices=Destination.choices, default=Destination.RESERVE)
    # The member benefit report compares loan interest with this (% a year).
    market_loan_rate = models.DecimalField(_("suku bunga pinjaman pasar (% per tahun)"),
                                           max_digits=5, decimal_places=2,
                                           default=Decimal("18.00"))
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"kebijakan SHU {self.cooperative_id}"


class ShuPlan(Stateful, CoopOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Simulasi")
        PROPOSED = "proposed", _("Diajukan ke RAT")
        POSTED = "posted", _("Dibukukan")
        WITHDRAWN = "withdrawn", _("Ditarik")

    TRANSITIONS = {
        Status.DRAFT: {Status.PROPOSED, Status.WITHDRAWN},
        Status.PROPOSED: {Status.POSTED, Status.WITHDRAWN},
    }

    year = models.PositiveSmallIntegerField(_("tahun buku"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # Snapshots, so a plan reads as it was put to the RAT whatever the settings become:
    # [{"key", "name", "percent"}] and the policy's capital/business choices (strings).
    portions = models.JSONField(default=list)
    policy = models.JSONField(default=dict)
    surplus = models.DecimalField(_("SHU tahun buku (Rp)"), max_digits=18, decimal_places=0,
                                  default=0)
    non_member_surplus = models.DecimalField(_("SHU dari non-anggota (Rp)"), max_digits=18,
                                             decimal_places=0, default=0)
    member_surplus = models.DecimalField(_("SHU dari anggota (Rp)"), max_digits=18,
                                         decimal_places=0, default=0)
    # {portion key: rupiah as a string}: the member SHU split by the portions.
    amounts = models.JSONField(default=dict)
    total_capital = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    total_business = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    undistributed = models.DecimalField(max_digits=18, decimal_places=0, default=0)
    decision = models.ForeignKey("governance.Decision", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    unclaimed_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    proposed_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"],
                                    condition=Q(status="posted"), name="one_posted_shu_a_year"),
            models.UniqueConstraint(fields=["cooperative", "year"],
                                    condition=Q(status="proposed"),
                                    name="one_proposed_shu_a_year"),
        ]

    def __str__(self):
        return f"SHU {self.year} ({self.get_status_display()})"


class ShuShare(CoopOwned):
    """One member's SHU in a plan, with the figures that make it up, and its payment."""

    class Payout(models.TextChoices):
        UNPAID = "", _("Belum diambil")
        CASH = "cash", _("Tunai")
        BANK = "bank", _("Transfer bank")
        SUKARELA = "sukarela", _("Ke simpanan sukarela")
        UNCLAIMED = "unclaimed", _("Tidak diambil, dialihkan")

    plan = models.ForeignKey(ShuPlan, on_delete=models.CASCADE, related_name="shares")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    capital = models.DecimalField(_("modal"), max_digits=20, decimal_places=2, default=0)
    sales = models.DecimalField(_("penjualan"), max_digits=18, decimal_places=0, default=0)
    purchases = models.DecimalField(_("pembelian bersama"), max_digits=18, decimal_places=0,
                                    default=0)
    contracts = models.DecimalField(_("pengiriman kontrak"), max_digits=18, decimal_places=0,
                                    default=0)
    loan_interest = models.DecimalField(_("jasa pinjaman"), max_digits=18, decimal_places=0,
                                        default=0)
    asset_fees = models.DecimalField(_("sewa aset"), max_digits=18, decimal_places=0, default=0)
    business = models.DecimalField(_("transaksi tertimbang"), max_digits=24, decimal_places=2,
                                   default=0)
    jasa_modal = models.DecimalField(_("jasa modal"), max_digits=18, decimal_places=0,
                                     default=0)
    jasa_usaha = models.DecimalField(_("jasa usaha"), max_digits=18, decimal_places=0,
                                     default=0)
    amount = models.DecimalField(_("SHU anggota"), max_digits=18, decimal_places=0, default=0)
    payout = models.CharField(_("pembayaran"), max_length=10, choices=Payout.choices,
                              default=Payout.UNPAID, blank=True)
    paid_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["plan", "member__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "member"], name="one_share_per_member"),
            models.CheckConstraint(condition=Q(amount=models.F("jasa_modal")
                                               + models.F("jasa_usaha")),
                                   name="share_is_modal_plus_usaha"),
        ]
        indexes = [models.Index(fields=["cooperative", "member"])]

    def __str__(self):
        return f"SHU {self.member_id}: {self.amount}"
