"""Paper ballots in the room (services/paper.py): the page that shows how many papers
were handed out and how many are in the box, the hand-out by member number, the first
officer's count and the second officer's count of the same stack."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import MemberNumberForm, PaperCountsForm
from .models import PaperBatch, Vote

paper_service = services.paper


def _vote(vote_pk) -> Vote:
    found = selectors.vote(vote_pk)
    if found is None:
        raise Http404
    return found


def _page(request, template, context):
    # The same tab strip as the other vote pages (views.tabs_template).
    tabs = select_template(["governance/_meeting_tabs.html",
                            "governance/ballots/_no_tabs.html"]).template.name
    return render(request, template, {"tabs_template": tabs, **context})


def _context(request, vote: Vote, **extra) -> dict:
    options = selectors.options(vote)
    user_id = request.user.pk
    batches = paper_service.batches(vote)
    by_position = {str(o.position): o.label for o in options}
    # Per-option counts are part of the result: hidden, like every result, until the
    # vote closes (a batch of one paper would show that member's choice to every
    # officer). While it is open a batch shows only how many papers each officer
    # counted. Officer A's numbers are never shown before the second entry.
    closed = vote.status != Vote.Status.OPEN

    def counts(entered: dict):
        if closed:
            return [(by_position.get(p, "?"), n) for p, n in entered.items()]
        return None

    rows = [{"batch": b,
             "first": counts(b.counts.get("first", {}))
             if b.status != PaperBatch.Status.ENTERED else None,
             "second": counts(b.counts.get("second", {})),
             "first_total": sum(b.counts.get("first", {}).values())
             if b.status != PaperBatch.Status.ENTERED else None,
             "second_total": sum(b.counts.get("second", {}).values())
             if b.counts.get("second") else None,
             "mine": b.entered_by_id == user_id} for b in batches]
    pending = next((r for r in rows if r["batch"].status == PaperBatch.Status.ENTERED), None)
    can_count = request.access.can("governance.count")
    return {"meeting": vote.meeting, "vote": vote, "tab": "votes", "options": options,
            "is_open": vote.status == Vote.Status.OPEN,
            "election": vote.kind == Vote.Kind.ELECTION, "named": not vote.secret,
            "handed_out": paper_service.paper_handed_out(vote),
            "confirmed": paper_service.paper_confirmed(vote),
            "to_enter": paper_service.paper_to_enter(vote),
            "rows": rows, "pending": pending,
            "can_manage": request.access.can("governance.manage"), "can_count": can_count,
            "pick": MemberNumberForm(),
            "enter_form": PaperCountsForm(options=options, prefix="enter")
            if can_count and not pending else None,
            "confirm_form": PaperCountsForm(options=options, prefix="confirm")
            if can_count and pending and not pending["mine"] else None,
            **extra}


@require_safe
@coop_view("governance.view")
def paper(request, vote_pk):
    vote = _vote(vote_pk)
    return _page(request, "governance/ballots/paper.html", _context(request, vote))


@require_POST
@coop_view("governance.manage")
def paper_hand_out(request, vote_pk):
    vote = _vote(vote_pk)
    pick = MemberNumberForm(request.POST)
    if pick.is_valid():
        entry = selectors.entry_by_number(vote.meeting, pick.cleaned_data["number"])
        if entry is None:
            messages.error(request, _("Nomor ini tidak ada di daftar pemilih rapat."))
        else:
            attempt(request, lambda: paper_service.hand_out(vote=vote, voter=entry,
                                                            actor=request.user),
                    success=_("Kertas suara diberikan kepada %(name)s (%(number)s).")
                    % {"name": entry.name, "number": entry.number})
    else:
        messages.error(request, _("Nomor anggota tidak valid."))
    return redirect("governance:paper", request.coop.slug, vote.pk)


@require_POST
@coop_view("governance.count")
def paper_enter(request, vote_pk):
    vote = _vote(vote_pk)
    form = PaperCountsForm(request.POST, options=selectors.options(vote), prefix="enter")
    if form.is_valid():
        attempt(request, lambda: paper_service.enter(vote=vote, counts=form.counts(),
                                                     actor=request.user),
                success=_("Hitungan dientri. Petugas kedua mengentri hitungan yang sama."))
    else:
        messages.error(request, _("Isi jumlah kertas suara tiap pilihan dengan angka 0 "
                                  "atau lebih."))
    return redirect("governance:paper", request.coop.slug, vote.pk)


@require_POST
@coop_view("governance.count")
def paper_confirm(request, vote_pk, batch_pk):
    vote = _vote(vote_pk)
    batch = get_object_or_404(PaperBatch, pk=batch_pk, vote=vote)
    form = PaperCountsForm(request.POST, options=selectors.options(vote), prefix="confirm")
    if not form.is_valid():
        messages.error(request, _("Isi jumlah kertas suara tiap pilihan dengan angka 0 "
                                  "atau lebih."))
        return redirect("governance:paper", request.coop.slug, vote.pk)
    done = attempt(request, lambda: paper_service.confirm(
        vote=vote, batch=batch, counts=form.counts(), actor=request.user))
    if done is not None:
        if done.status == PaperBatch.Status.CONFIRMED:
            messages.success(request, _("Hitungan cocok: kertas suara masuk kotak suara."))
        else:
            messages.error(request, _("Hitungan tidak cocok: hitung ulang kertas suaranya "
                                      "dan entri lagi."))
    return redirect("governance:paper", request.coop.slug, vote.pk)


__all__ = ["paper", "paper_confirm", "paper_enter", "paper_hand_out"]
