"""finance's periodic jobs (deadlines). Each locks and re-checks its rows, so a second
run changes nothing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from .shu import unclaimed


def settle_unclaimed_shu(cooperative=None) -> list[Done]:
    return unclaimed.settle_unclaimed(cooperative, today=timezone.localdate())


def jobs() -> list[Job]:
    return [
        Job("settle_unclaimed_shu",
            gettext_lazy("Mengalihkan SHU yang tidak diambil setelah batas waktu AD/ART"),
            settle_unclaimed_shu, schedule="30 6 * * *"),
    ]
