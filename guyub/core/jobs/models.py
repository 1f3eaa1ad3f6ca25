"""The record of each periodic job's runs: when, how it ended, and what it did in
each cooperative. A run is keyed by its Celery task id, so a task delivered twice (a
worker died before acknowledging it) finds its run finished and does nothing."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Cooperative, CoopOwned


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        OK = "ok", _("Berhasil")
        FAILED = "failed", _("Gagal")

    job = models.CharField(max_length=60)
    task_id = models.CharField(max_length=64, unique=True)
    # Null: the scheduled run over every cooperative; else a run by hand for one.
    cooperative = models.ForeignKey(Cooperative, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Why the run failed, as the platform's operators and officers read it.
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["job", "-queued_at"])]

    def __str__(self):
        return f"{self.job} {self.queued_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.OK, self.Status.FAILED)


class JobRunLine(CoopOwned):
    """One thing a run did (or could not do) in one cooperative."""

    run = models.ForeignKey(JobRun, on_delete=models.CASCADE, related_name="lines")
    text = models.CharField(max_length=300)
    failed = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["cooperative", "run"])]
