"""Members' meetings: the by-law rules they run by (one row per cooperative), the
meeting itself (RAT, RALB, a pre-RAT group meeting), its agenda and the documents sent
with the notice.

A meeting copies the rules it is held under when it is called (quorum, notice days),
so a later change of the by-laws never changes a meeting already called."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.regions import PROVINCES
from guyub.core.states import Stateful

from ..quorum import AT_LEAST, MORE_THAN

FRACTION = {"max_digits": 4, "decimal_places": 3,
            "validators": [MinValueValidator(Decimal("0.001")),
                           MaxValueValidator(Decimal("1"))]}


class QuorumRule(models.TextChoices):
    MORE_THAN = MORE_THAN, _("lebih dari")
    AT_LEAST = AT_LEAST, _("paling sedikit")


class GovernanceSettings(CoopOwned):
    """The by-law rules of the cooperative's members' meetings (one row per cooperative).
    The quorum fraction starts from the cooperative's `rat_quorum`."""

    notice_days = models.PositiveSmallIntegerField(
        _("undangan dikirim (hari sebelum rapat)"), default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)])
    quorum_fraction = models.DecimalField(
        _("kuorum (bagian dari daftar pemilih)"), default=Decimal("0.5"), **FRACTION,
        help_text=_("Misalnya 0,5 untuk separuh anggota yang berhak memilih."))
    quorum_rule = models.CharField(_("aturan kuorum"), max_length=10,
                                   choices=QuorumRule.choices, default=QuorumRule.MORE_THAN)
    reconvened_quorum_fraction = models.DecimalField(
        _("kuorum rapat yang ditunda dan dibuka kembali"), default=Decimal("0.333"),
        **FRACTION)
    exclude_arrears = models.BooleanField(
        _("anggota yang menunggak simpanan wajib tidak berhak memilih"), default=False)
    proxies_allowed = models.BooleanField(_("kuasa (perwakilan suara) diizinkan"),
                                          default=True)
    proxy_cap = models.PositiveSmallIntegerField(
        _("kuasa paling banyak per pemegang"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)])
    special_majority = models.DecimalField(
        _("suara mayoritas khusus (perubahan AD/ART, pembubaran)"),
        default=Decimal("0.667"), **FRACTION,
        help_text=_("Bagian dari suara yang sah, misalnya 0,667 untuk dua pertiga."))
    delegates_allowed = models.BooleanField(
        _("RAT perwakilan: rapat kelompok mengirim utusan"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_governance_settings_per_coop")]

    def __str__(self):
        return f"{self.cooperative_id}: {self.quorum_rule} {self.quorum_fraction}"


class Meeting(CoopOwned, Stateful):
    class Kind(models.TextChoices):
        RAT = "rat", _("Rapat Anggota Tahunan (RAT)")
        RALB = "ralb", _("Rapat Anggota Luar Biasa (RALB)")
        PRE_RAT = "pra_rat", _("Rapat kelompok (pra-RAT)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        CALLED = "called", _("Undangan terkirim")
        OPEN = "open", _("Berlangsung")
        ADJOURNED = "adjourned", _("Ditunda")
        CLOSED = "closed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    TRANSITIONS = {
        Status.DRAFT: {Status.CALLED, Status.CANCELLED},
        Status.CALLED: {Status.OPEN, Status.CANCELLED},
        Status.OPEN: {Status.ADJOURNED, Status.CLOSED},
    }

    kind = models.CharField(_("jenis rapat"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    title = models.CharField(_("judul"), max_length=200)
    fiscal_year = models.PositiveSmallIntegerField(
        _("tahun buku yang dipertanggungjawabkan"), null=True, blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    starts_at = models.DateTimeField(_("waktu rapat"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online = models.BooleanField(_("anggota boleh hadir daring"), default=True)
    # A pre-RAT group meeting: which group of members it gathers and the RAT its
    # delegates go to.
    group_name = models.CharField(_("kelompok"), max_length=100, blank=True)
    delegates_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="group_meetings")
    delegate_seats = models.PositiveSmallIntegerField(_("jumlah utusan"), default=0)
    # The group a pre-RAT gathers: the active members of this province and, when given,
    # of this regency (kabupaten/kota, compared trimmed and case-insensitively: the
    # member record holds it as free text).
    group_province = models.CharField(_("provinsi kelompok"), max_length=2, blank=True)
    group_regency = models.CharField(_("kabupaten/kota kelompok"), max_length=100,
                                     blank=True)
    # A meeting adjourned for want of quorum is reconvened as a new meeting with the
    # same register and the by-law's reduced quorum.
    reconvenes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="reconvened_as")

    # The rules it is held under, copied when it is called.
    notice_days = models.PositiveSmallIntegerField(default=0)
    quorum_fraction = models.DecimalField(null=True, blank=True, **FRACTION)
    quorum_rule = models.CharField(max_length=10, choices=QuorumRule.choices, blank=True)

    # The frozen register's size, written when it is frozen (the quorum's denominator,
    # read on every check-in: no count over a register of 300,000).
    register_size = models.PositiveIntegerField(default=0)
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Who signs the minutes, and when.
    chair_name = models.CharField(_("pimpinan rapat"), max_length=150, blank=True)
    secretary_name = models.CharField(_("sekretaris rapat"), max_length=150, blank=True)
    signed_on = models.DateField(_("tanggal tanda tangan notulen"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["cooperative", "-starts_at"])]

    def __str__(self):
        return self.title

    @property
    def group_label(self) -> str:
        """A pre-RAT's group as people say it: its name, else its area."""
        area = ", ".join(p for p in (self.group_regency,
                                     PROVINCES.get(self.group_province, "")) if p)
        if self.group_name and area:
            return f"{self.group_name} ({area})"
        return self.group_name or area


class AgendaItem(CoopOwned):
    class Kind(models.TextChoices):
        GENERAL = "general", _("Umum")
        ACCOUNTS = "accounts", _("Laporan pertanggungjawaban dan keuangan")
        SHU = "shu", _("Pembagian SHU")
        BUDGET = "budget", _("Rencana kerja dan anggaran (RK-RAPB)")
        ELECTION = "election", _("Pemilihan pengurus/pengawas")
        BYLAWS = "bylaws", _("Perubahan AD/ART")
        DISSOLUTION = "dissolution", _("Pembubaran")
        FLOOR_PRICE = "floor_price", _("Harga dasar kontrak")

    # The decisions finance and the SHU code require from the RAT before paying out.
    APPROVALS = (Kind.ACCOUNTS, Kind.SHU, Kind.BUDGET)
    # By-law changes and dissolution need the special majority.
    SPECIAL = (Kind.BYLAWS, Kind.DISSOLUTION)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("urutan"))
    kind = models.CharField(_("jenis acara"), max_length=12, choices=Kind.choices,
                            default=Kind.GENERAL)
    title = models.CharField(_("acara"), max_length=200)
    description = models.TextField(_("uraian"), blank=True, max_length=5000)
    # A floor-price item: the contract grade and the price put to the members.
    floor_grade = models.ForeignKey("contracts.Grade", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    floor_price = models.DecimalField(_("harga dasar yang diusulkan (Rp)"), max_digits=14,
                                      decimal_places=0, null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"],
                                               name="one_agenda_item_per_position")]

    def __str__(self):
        return f"{self.position}. {self.title}"


def agenda_document_path(document, filename):
    return f"governance/{document.cooperative_id}/meeting-{document.meeting_id}/{filename}"


class AgendaDocument(CoopOwned):
    """A document sent with the notice (the accounts, the SHU proposal, the work plan
    and budget, candidates' statements): a PDF, checked by its real format."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=200)
    file = models.FileField(_("berkas (PDF)"), upload_to=agenda_document_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.title
