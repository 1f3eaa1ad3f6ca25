"""Election pages: the board prepares an election on an agenda item, everybody on the
register reads the candidates and their statements, the chair closes it (the winners
take their seats), and the officers' terms. The ballot itself is ballots' page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, add_to_form, attempt
from guyub.core.tenancy import coop_view

from ..attendance.models import RegisterEntry
from ..decisions.selectors import item_of
from . import selectors, services
from .forms import CandidateFormSet, ElectionForm


def _election(vote_pk):
    found = selectors.election_of(vote_pk)
    if found is None:
        raise Http404
    return found


@coop_view("governance.manage")
def election_new(request, pk, item_pk):
    item = item_of(pk, item_pk)
    if item is None:
        raise Http404
    form = ElectionForm(request.POST or None)
    candidates = CandidateFormSet(request.POST or None, prefix="c")
    if request.method == "POST" and form.is_valid() and candidates.is_valid():
        numbers = [(row["number"], row["statement"]) for row in candidates.cleaned_data
                   if row.get("number")]
        entries = {e.number: e.member for e in RegisterEntry.objects.filter(
            meeting_id=pk, number__in=[n for n, _s in numbers]).select_related("member")}
        missing = [str(n) for n, _s in numbers if n not in entries]
        if missing:
            form.add_error(None, _("Nomor anggota tidak ada dalam daftar pemilih rapat ini: "
                                   "%(numbers)s.") % {"numbers": ", ".join(missing)})
        else:
            data = form.cleaned_data
            try:
                election = services.create_election(
                    item=item, actor=request.user, office=data["office"],
                    seats=data["seats"], term_start=data["term_start"],
                    term_end=data["term_end"],
                    candidates=[(entries[n], s) for n, s in numbers])
            except DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Pemilihan disiapkan."))
                return redirect("governance:election", request.coop.slug, election.vote_id)
    return render(request, "governance/elections/new.html", {
        "item": item, "meeting": item.meeting, "form": form, "candidates": candidates})


@require_safe
@coop_view("coop.view")
def election_detail(request, vote_pk):
    election = _election(vote_pk)
    meeting = election.vote.meeting
    if not request.access.can("governance.view"):
        # A member reads the candidates of a meeting they may vote at; for anyone
        # else it does not exist.
        if not (request.access.can("governance.attend")
                and selectors.on_register(request.user, meeting)):
            if request.access.can("governance.attend"):
                raise Http404
            raise PermissionDenied
    vote = election.vote
    return render(request, "governance/elections/detail.html", {
        "election": election, "vote": vote, "meeting": meeting,
        "options": list(vote.options.all()),
        "results": vote.status in ("closed", "invalid"),
        "terms": list(election.terms.select_related("member").order_by("-votes")),
        "can_close": request.access.can("governance.chair") and vote.status in (
            "open", "closed") and not hasattr(vote, "decision"),
    })


@require_POST
@coop_view("governance.chair")
def election_close(request, vote_pk):
    election = _election(vote_pk)
    attempt(request, lambda: services.close_election(vote=election.vote, actor=request.user),
            success=_("Pemilihan ditutup; hasilnya dicatat."))
    return redirect("governance:election", request.coop.slug, vote_pk)


@require_safe
@coop_view("decisions.view")
def terms(request):
    return render(request, "governance/elections/terms.html", selectors.terms())
