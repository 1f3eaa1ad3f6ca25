"""Sales' periodic jobs: keep the monthly sales summaries the dashboards read."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope, scopes_disabled

from guyub.core.jobs import Done, Job
from guyub.core.models import Cooperative

from .summaries import services as summaries


def refresh_sales_summaries(cooperative=None) -> list[Done]:
    with scopes_disabled():
        cooperatives = [cooperative] if cooperative else list(Cooperative.objects.all())
    done = []
    for coop in cooperatives:
        with scope(cooperative=coop):
            months = summaries.refresh(coop)
        if months != 0:
            text = (_("Ringkasan penjualan dibangun ulang untuk semua bulan") if months is None
                    else _("Ringkasan penjualan diperbarui: %(n)s bulan") % {"n": months})
            done.append(Done(coop.pk, text))
    return done


def jobs() -> list[Job]:
    # Every ten minutes: the dashboards read the months before the current one from the
    # summaries, so a late cancellation shows there within ten minutes.
    return [Job("refresh_sales_summaries",
                gettext_lazy("Memperbarui ringkasan penjualan bulanan untuk dasbor"),
                refresh_sales_summaries, schedule="*/10 * * * *")]
