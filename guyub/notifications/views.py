"""The user's own pages (not a cooperative's): the inbox across their cooperatives,
opening a notice, marking all read, the header's unread badge, and preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import rendering, selectors, services
from .forms import PreferencesForm
from .models import Notice

PER_PAGE = 30


@login_required
@require_GET
def inbox(request):
    page = Paginator(selectors.inbox(request.user), PER_PAGE).get_page(request.GET.get("page"))
    for notice in page:
        notice.title = rendering.title(notice)
        notice.text = rendering.text(notice)
    return render(request, "notifications/inbox.html", {
        "page": page, "unread": selectors.unread_count(request.user)})


@login_required
@require_GET
def open_notice(request, pk):
    try:
        notice = services.open_notice(user=request.user, pk=pk)
    except Notice.DoesNotExist:
        raise Http404 from None
    if notice.link and url_has_allowed_host_and_scheme(
            notice.link, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(notice.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("Semua pemberitahuan ditandai sudah dibaca."))
    return redirect("notifications:inbox")


@login_required
@require_GET
def badge(request):
    """The header's unread count, loaded by htmx after the page (one indexed count)."""
    return render(request, "notifications/_badge.html",
                  {"unread": selectors.unread_count(request.user)})


@login_required
def preferences(request):
    prefs = selectors.preferences(request.user)
    form = PreferencesForm(request.POST or None, prefs=prefs)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(user=request.user, language=form.cleaned_data["language"],
                                  whatsapp=form.cleaned_data["whatsapp"],
                                  channels=form.channels())
        messages.success(request, _("Pengaturan pemberitahuan disimpan."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {
        "form": form, "whatsapp_enabled": selectors.whatsapp_enabled()},
        status=400 if form.errors else 200)
