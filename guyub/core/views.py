from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from . import services
from .audit_actions import ACTIONS
from .audit_display import audit_rows
from .contributions import merged_context
from .errors import attempt
from .forms import CooperativeForm, TokenForm
from .models import ApiToken, AuditLog, Cooperative
from .tenancy import coop_view


@never_cache
@require_safe
def healthz(request):
    """For the load balancer and uptime checks: the process is up and serving Django.
    It touches no database on purpose, so a slow query elsewhere does not take every
    web process out of rotation; it is also the minimal-view baseline of
    bench/sales_throughput.py."""
    return JsonResponse({"ok": True})


@require_safe
def favicon(request):
    """Browsers ask /favicon.ico. The static URL is resolved per request, never at import:
    with DEBUG off it comes from collectstatic's manifest, which does not exist yet when
    `migrate` runs before `collectstatic` (the README's production order)."""
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))


def home(request):
    """A guest gets the public landing page; a user goes to their cooperative's home."""
    if not request.user.is_authenticated:
        return landing(request)
    return _user_home(request)


def landing(request):
    """What Guyub is, and the cooperatives' public shops (anyone may shop in any)."""
    shops = Cooperative.objects.order_by("name")
    return render(request, "core/landing.html", {"shops": shops})


def _user_home(request):
    """Send a user to their cooperative; list them when there are several."""
    cooperatives = Cooperative.objects.filter(roles__user=request.user).distinct()
    if len(cooperatives) == 1:
        return redirect("core:dashboard", cooperatives[0].slug)
    context = {"cooperatives": cooperatives}
    if not cooperatives:
        # No role yet: the apps say what concerns the user (an applicant's applications).
        context.update(merged_context("home_without_cooperative", request.user))
    return render(request, "core/home.html", context)


@coop_view("coop.view")
def dashboard(request):
    """Each role's home: officers the cooperative's figures and work queues, a member
    their own savings, arrears, bills and open rounds, a buyer their orders and the shop,
    a supplier its tenders. The figures come from each app's `dashboard` contribution,
    the cards from each app's template tags."""
    access = request.access
    context = {"is_officer": access.can("members.view"),
               "is_buyer": access.can("orders.own"),
               "is_supplier": access.can("tenders.bid"),
               # The by-laws and the application link concern members and officers only.
               "shows_bylaws": access.can("members.view") or access.can("portal.view")}
    context.update(merged_context("dashboard", request))
    return render(request, "core/dashboard.html", context)


@coop_view("coop.edit")
def cooperative_settings(request):
    # The form gets its own copy: validating writes the typed values onto its instance,
    # and on a refused save the header (which shows request.coop) must keep the saved name.
    form = CooperativeForm(request.POST or None,
                           instance=Cooperative.objects.get(pk=request.coop.pk))
    if request.method == "POST" and form.is_valid():
        services.update_cooperative(cooperative=request.coop, actor=request.user,
                                    data={f: form.cleaned_data[f] for f in form.fields})
        messages.success(request, _("Pengaturan koperasi disimpan."))
        return redirect("core:settings", request.coop.slug)
    return render(request, "core/settings.html", {"form": form})


@coop_view("audit.view")
def audit_log(request):
    entries = AuditLog.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    # The pager builds its links from `query`; without it page 2 dropped the filter
    # and showed every action again.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit.html", {
        "page": page, "rows": audit_rows(page.object_list, request.coop), "action": action,
        "actions": sorted(ACTIONS.items(), key=lambda pair: str(pair[1])),
        "query": query.urlencode()})


@coop_view("tokens.manage")
def tokens(request):
    form = TokenForm(request.POST or None, cooperative=request.coop)
    new_key = None
    if request.method == "POST" and form.is_valid():
        issued = attempt(request, lambda: services.issue_token(
            cooperative=request.coop, actor=request.user,
            user=form.cleaned_data["user"], name=form.cleaned_data["name"]), form=form)
        if issued:
            _token, new_key = issued
            form = TokenForm(cooperative=request.coop)
    return render(request, "core/tokens.html", {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.select_related("user", "created_by"),
    })


@require_POST
@coop_view("tokens.manage")
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    services.revoke_token(token=token, actor=request.user)
    messages.success(request, _("Token dicabut."))
    return redirect("core:tokens", request.coop.slug)
