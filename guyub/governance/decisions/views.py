"""The register of decisions (officers and members: it is every member's record), one
decision, and the chair recording a consensus on an agenda item."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..meetings.models import Meeting
from . import selectors, services
from .delegates import record_delegates
from .forms import ConsensusForm, DelegatesForm, SearchForm


@require_safe
@coop_view("decisions.view")
def decision_list(request):
    search = SearchForm(request.GET or None)
    values = search.values()
    page = Paginator(selectors.register(**values), 25).get_page(request.GET.get("page"))
    meeting = (Meeting.objects.filter(pk=values["meeting"]).first()
               if values["meeting"] else None)
    return render(request, "governance/decisions/list.html", {
        "page": page, "search": search, "meeting": meeting, "years": selectors.years(),
        "query": urlencode({k: v for k, v in (("q", values["query"]),
                                               ("year", values["year"] or ""),
                                               ("kind", values["kind"]),
                                               ("meeting", values["meeting"] or "")) if v}),
    })


@require_safe
@coop_view("decisions.view")
def decision_detail(request, pk):
    found = selectors.decision(pk)
    if found is None:
        raise Http404
    return render(request, "governance/decisions/detail.html", {"decision": found})


@coop_view("governance.chair")
def item_decide(request, pk, item_pk):
    item = selectors.item_of(pk, item_pk)
    if item is None:
        raise Http404
    form = ConsensusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = attempt(request, lambda: services.decide_by_consensus(
            item=item, outcome=data["outcome"], text=data["text"], actor=request.user),
            form=form)
        if decision:
            messages.success(request, _("Keputusan %(number)s dicatat.")
                             % {"number": decision.number})
            return redirect("governance:decision", request.coop.slug, decision.pk)
    return render(request, "governance/decisions/decide.html", {
        "item": item, "meeting": item.meeting, "form": form,
        "decided": item.decisions.order_by("id")})


@coop_view("governance.chair")
def meeting_delegates(request, pk):
    """RAT perwakilan: the chair or secretary of a pre-RAT records the delegates the
    group chose (the service says when that is allowed)."""
    meeting = selectors.delegates_page(pk)
    if meeting is None:
        raise Http404
    group = meeting.kind == Meeting.Kind.PRE_RAT and meeting.delegates_to_id is not None
    items = list(meeting.items.order_by("position")) if group else []
    form = DelegatesForm(request.POST or None, items=items)
    if group and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = selectors.entry_ids(meeting, data["numbers"])
        missing = [n for n in data["numbers"] if n not in found]
        if missing:
            form.add_error("numbers", _("Tidak ada di daftar hadir rapat kelompok ini: "
                                        "%(numbers)s.")
                           % {"numbers": ", ".join(str(n) for n in missing[:10])})
        else:
            item = next(i for i in items if i.pk == data["item"])
            decision = attempt(request, lambda: record_delegates(
                meeting=meeting, item=item, entries=list(found.values()),
                method=data["method"], actor=request.user), form=form)
            if decision:
                messages.success(request, _("Utusan dicatat sebagai keputusan %(number)s.")
                                 % {"number": decision.number})
                return redirect("governance:meeting_delegates", request.coop.slug,
                                meeting.pk)
    return render(request, "governance/decisions/delegates.html", {
        "meeting": meeting, "group": group, "form": form,
        "delegates": selectors.delegates_of(meeting) if group else []})
