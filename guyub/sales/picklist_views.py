"""Pick lists: what each member brings to the cooperative's warehouse, and by when.

Members see their own list and its status; warehouse staff confirm receipt (a member
cannot: goods count as received only when someone at the warehouse has them in hand).
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors, services
from .fulfilment_forms import PickListFilterForm, ReceiveForm

RECENT_DAYS = 30
FILTERS = ("member", "due_from", "due_to", "state")


@coop_view("sales.view")
def picklist(request):
    form = PickListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    lines = selectors.pick_lines(member=filters.get("member"), due_from=filters.get("due_from"),
                                 due_to=filters.get("due_to"),
                                 state=filters.get("state") or selectors.PENDING)
    groups = selectors.by_due_date(lines) if not form.errors else []
    return render(request, "sales/picklist.html", {
        "form": form, "groups": groups, "can_receive": request.access.can("sales.manage"),
        "back": request.GET.urlencode(),
        "line_count": sum(len(g.lines) for g in groups),
    })


@require_POST
@coop_view("sales.manage")
def picklist_receive(request):
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("lines", []):
            messages.error(request, error)
    else:
        try:
            received = services.receive_goods(lines=list(form.cleaned_data["lines"]),
                                              actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, ngettext(
                "%(n)s barang diterima di gudang.", "%(n)s barang diterima di gudang.",
                len(received)) % {"n": len(received)})
    # Back to the same filtered list; only the known filters are carried over.
    query = {k: request.POST.get(f"back_{k}") for k in FILTERS if request.POST.get(f"back_{k}")}
    target = redirect("sales:picklist", request.coop.slug)
    if query:
        target["Location"] += "?" + urlencode(query)
    return target


@coop_view("sales.own")
def my_picklist(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    pending = selectors.pick_lines(member=member, state=selectors.PENDING)
    received = (selectors.pick_lines(member=member, state=selectors.RECEIVED)
                .filter(handed_over_at__gte=since).order_by("-handed_over_at"))
    return render(request, "sales/my_picklist.html", {
        "member": member, "groups": selectors.by_due_date(pending),
        "received": received, "recent_days": RECENT_DAYS,
    })
