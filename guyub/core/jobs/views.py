"""The jobs page: officers see each periodic job's last run, result and failures;
board and staff can run one now, for their own cooperative."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..tenancy import coop_view
from . import job_named, selectors, services


@coop_view("jobs.view")
def jobs(request):
    return render(request, "core/jobs.html", {
        "jobs": selectors.overview(request.coop),
        "activity": selectors.recent_activity(request.coop),
        "can_run": request.access.can("jobs.run"),
    })


@require_POST
@coop_view("jobs.run")
def run_now(request, name):
    job = job_named(name)
    if job is None:
        raise Http404
    services.queue_run(name=name, cooperative=request.coop, user=request.user)
    messages.success(request, _("“%(job)s” dijalankan untuk koperasi ini; hasilnya "
                                "tampil di bawah.") % {"job": job.title})
    return redirect("core:jobs", request.coop.slug)
