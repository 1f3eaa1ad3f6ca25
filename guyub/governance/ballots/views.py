"""The officers' vote pages: a meeting's votes, preparing one on an agenda item, one
vote (open, close; while open only how many have voted), the tablet handed to a member
in the room, and for everyone who may read decisions the results after the close, the
receipt check and the export of the ballots (to recount)."""

import csv
import io

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_scopes import scope
from openpyxl import Workbook

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..meetings.models import AgendaItem, Meeting
from . import codes, selectors, services
from .forms import BallotForm, MemberNumberForm, ReceiptForm, VoteForm
from .models import Vote

RESULTS_PAGE = 200


def tabs_template() -> str:
    return "governance/_meeting_tabs.html"


def _vote(vote_pk) -> Vote:
    found = selectors.vote(vote_pk)
    if found is None:
        raise Http404
    return found


def _page(request, template, context):
    return render(request, template, {"tabs_template": tabs_template(), **context})


@require_safe
@coop_view("governance.view")
def votes(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return _page(request, "governance/ballots/votes.html", {
        "meeting": meeting, "votes": selectors.votes_of(meeting),
        "items": list(AgendaItem.objects.filter(meeting=meeting).order_by("position")),
        "can_manage": request.access.can("governance.manage"), "tab": "votes"})


@coop_view("governance.manage")
def vote_new(request, pk, item_pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = VoteForm(request.POST or None, initial={"question": item.title})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vote = attempt(request, lambda: services.create_vote(
            item=item, actor=request.user, kind=data["kind"], question=data["question"],
            secret=not data["open_vote"], choices=data["choices"]), form=form,
            success=_("Pemungutan suara disiapkan."))
        if vote:
            return redirect("governance:vote", request.coop.slug, vote.pk)
    return _page(request, "governance/ballots/vote_new.html",
                 {"meeting": meeting, "item": item, "form": form, "tab": "votes"})


@require_safe
@coop_view("governance.view")
def vote(request, vote_pk):
    vote = _vote(vote_pk)
    return _page(request, "governance/ballots/vote.html", {
        "meeting": vote.meeting, "vote": vote, "options": selectors.options(vote),
        "voted": selectors.voted_count(vote), "closed": selectors.is_closed(vote),
        "can_chair": request.access.can("governance.chair"),
        "can_manage": request.access.can("governance.manage"), "tab": "votes"})


@require_POST
@coop_view("governance.chair")
def vote_open(request, vote_pk):
    vote = _vote(vote_pk)
    attempt(request, lambda: services.open_vote(vote=vote, actor=request.user),
            success=_("Pemungutan suara dibuka."))
    return redirect("governance:vote", request.coop.slug, vote.pk)


@require_POST
@coop_view("governance.chair")
def vote_close(request, vote_pk):
    vote = _vote(vote_pk)
    if attempt(request, lambda: services.close(vote=vote, actor=request.user),
               success=_("Pemungutan suara ditutup.")):
        return redirect("governance:results", request.coop.slug, vote.pk)
    return redirect("governance:vote", request.coop.slug, vote.pk)


# The tablet passes from hand to hand: the browser keeps none of its pages (a Back
# press must not bring back the last member's ballot or receipt).
@never_cache
@coop_view("governance.manage")
def tablet(request, vote_pk):
    """Staff find the member in the room by number (typed or scanned), then hand the
    tablet over: the page shows only the ballot. After the cast the member sees their
    receipt code once, then the page is ready for the next member."""
    vote = _vote(vote_pk)
    context = {"meeting": vote.meeting, "vote": vote, "tab": "votes",
               "voted": selectors.voted_count(vote)}
    if vote.status != Vote.Status.OPEN:
        return _page(request, "governance/ballots/tablet.html", {**context, "closed": True})
    options = selectors.options(vote)
    if request.method == "POST":
        form = BallotForm(request.POST, vote=vote, options=options)
        entry = None
        if form.is_valid():
            entry = selectors.vote_entry(vote, form.cleaned_data["voter"])
        if entry is None:
            return redirect("governance:tablet", request.coop.slug, vote.pk)
        code = attempt(request, lambda: services.cast_tablet(
            vote=vote, voter=entry, positions=form.positions(), actor=request.user),
            form=form)
        if code:
            return _page(request, "governance/ballots/receipt.html", {
                **context, "code": code, "next_url": "tablet"})
        return _page(request, "governance/ballots/tablet.html",
                     {**context, "entry": entry, "form": form})
    pick = MemberNumberForm(request.GET or None)
    entry = None
    if request.GET and pick.is_valid():
        entry = selectors.entry_by_number(vote.meeting, pick.cleaned_data["number"])
        if entry is None:
            pick.add_error("number", _("Nomor ini tidak ada di daftar pemilih rapat."))
        elif not selectors.present_in_room(entry):
            pick.add_error("number", _("Anggota ini tidak tercatat hadir di ruang rapat."))
            entry = None
        elif selectors.voted_entry_ids(vote, [entry.pk]):
            pick.add_error("number", _("Anggota ini sudah memberikan suara."))
            entry = None
    form = BallotForm(vote=vote, options=options,
                      initial={"voter": entry.pk}) if entry else None
    return _page(request, "governance/ballots/tablet.html",
                 {**context, "pick": pick, "entry": entry, "form": form})


@require_safe
@coop_view("decisions.view")
def results(request, vote_pk):
    """After the close: the count per option and every ballot by its receipt's
    fingerprint. Before: only how many have voted."""
    vote = _vote(vote_pk)
    if not selectors.is_closed(vote):
        return _page(request, "governance/ballots/results_hidden.html", {
            "meeting": vote.meeting, "vote": vote, "voted": selectors.voted_count(vote),
            "tab": "votes"})
    page = Paginator(selectors.published_ballots(vote), RESULTS_PAGE).get_page(
        request.GET.get("page"))
    named = selectors.named_choices(vote)
    named_page = (Paginator(named, RESULTS_PAGE).get_page(request.GET.get("named"))
                  if named is not None else None)
    return _page(request, "governance/ballots/results.html", {
        "meeting": vote.meeting, "vote": vote, "options": selectors.options(vote),
        "page": page, "rows": selectors.published_rows(vote, page), "tab": "votes",
        "named_page": named_page,
        "named_rows": selectors.named_rows(vote, named_page) if named_page else []})


@never_cache
@require_safe
@coop_view("decisions.view")
def receipt_check(request, vote_pk):
    vote = _vote(vote_pk)
    form = ReceiptForm(request.GET or None)
    found, checked = None, False
    if request.GET and form.is_valid():
        checked = True
        ballot = selectors.ballot_by_code(vote, form.cleaned_data["code"])
        if ballot is not None:
            by_position = {o.position: o.label for o in selectors.options(vote)}
            found = {"fingerprint": codes.fingerprint(ballot.receipt),
                     # The choice only once the vote is closed and published.
                     "labels": selectors.labels_of(ballot.selection, by_position)
                     if selectors.is_closed(vote) else None}
    return _page(request, "governance/ballots/receipt_check.html", {
        "meeting": vote.meeting, "vote": vote, "form": form, "found": found,
        "checked": checked, "closed": selectors.is_closed(vote), "tab": "votes"})


class _Echo:
    def write(self, value):
        return value


@require_safe
@coop_view("decisions.view")
def vote_export(request, vote_pk):
    """The filled ballots of a closed vote (id, fingerprint, choices), to recount:
    CSV streamed, or XLSX with ?format=xlsx."""
    vote = _vote(vote_pk)
    if not selectors.is_closed(vote):
        raise Http404
    header = [_("kertas suara"), _("sidik tanda terima"), _("pilihan")]
    filename = f"suara-{vote.pk}"
    if request.GET.get("format") == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Kertas suara"))
        sheet.append(header)
        for pk, fingerprint, labels in selectors.export_rows(vote):
            sheet.append([pk, fingerprint, "; ".join(labels)])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    writer = csv.writer(_Echo())

    cooperative = request.coop

    def lines():
        # Streamed after the view returns: the tenant scope is taken again here.
        with scope(cooperative=cooperative):
            yield writer.writerow(header)
            for pk, fingerprint, labels in selectors.export_rows(vote):
                yield writer.writerow([pk, fingerprint, "; ".join(labels)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
