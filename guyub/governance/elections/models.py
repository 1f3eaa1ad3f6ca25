"""Elections of pengurus and pengawas, and the officer terms they produce.

An election is a vote whose options are candidates (`ballots.Option.candidate`, with
their statements) for a number of seats. The elected get an `OfficerTerm`; on the
term's start date a job gives their Guyub account the role (board or supervisor), and
when a term ends the role the term gave is taken back, unless another live term still
gives it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.roles import Role

from ..ballots.models import Vote


class Office(models.TextChoices):
    BOARD = Role.BOARD.value, _("Pengurus")
    SUPERVISOR = Role.SUPERVISOR.value, _("Pengawas")


class Election(CoopOwned):
    vote = models.OneToOneField(Vote, on_delete=models.PROTECT, related_name="election")
    office = models.CharField(_("jabatan"), max_length=12, choices=Office.choices)
    seats = models.PositiveSmallIntegerField(_("jumlah kursi"))
    term_start = models.DateField(_("awal masa jabatan"))
    term_end = models.DateField(_("akhir masa jabatan"))

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(term_end__gt=models.F(
            "term_start")), name="election_term_ends_after_it_starts")]

    def __str__(self):
        return f"{self.get_office_display()} {self.term_start:%Y}–{self.term_end:%Y}"


class OfficerTerm(CoopOwned):
    class Status(models.TextChoices):
        ELECTED = "elected", _("Terpilih, menunggu awal masa jabatan")
        SERVING = "serving", _("Menjabat")
        ENDED = "ended", _("Selesai")

    election = models.ForeignKey(Election, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="terms")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    office = models.CharField(_("jabatan"), max_length=12, choices=Office.choices)
    term_start = models.DateField(_("awal masa jabatan"))
    term_end = models.DateField(_("akhir masa jabatan"))
    votes = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ELECTED)
    # Whether this term gave the member's account its role (and so takes it back).
    granted_role = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-term_start", "office", "id"]
        indexes = [models.Index(fields=["cooperative", "status", "term_start"])]

    def __str__(self):
        return f"{self.member_id} {self.office} {self.term_start}"
