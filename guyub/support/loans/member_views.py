"""A member's loans, on their portal: apply (with their ceiling and a preview of the
schedule before sending), their loans with the schedule and what is due next, and
paying an instalment from their simpanan sukarela. Another member's loan or instalment
does not exist here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership
from guyub.members.simpanan.selectors import balances

from . import selectors, services
from .forms import ApplyForm
from .models import PayMethod
from .schedule import add_months, schedule


def _member(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    return member


@require_safe
@coop_view("loans.own")
def my_loans(request):
    member = own_membership(request.user)
    loans = list(selectors.member_loans(member)[:50]) if member else []
    for loan in loans:
        loan.next_instalment = selectors.next_due(loan) if loan.status == "active" else None
    return render(request, "support/loans/my_list.html", {
        "loans": loans, "member": member, "portal": "member"})


@coop_view("loans.own")
def my_apply(request):
    member = own_membership(request.user)
    if member is None:  # a login not (yet) linked to a member record: nothing to apply with
        return render(request, "support/loans/my_list.html", {"loans": [], "member": None})
    limits = selectors.settings_of(request.coop)
    room = selectors.ceiling(member, limits)
    form = ApplyForm(request.POST or None, initial={"method": limits.default_method})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "send" in request.POST:
            loan = attempt(request, lambda: services.apply(
                member=member, actor=request.user, amount=data["amount"],
                term_months=data["term_months"], purpose=data["purpose"],
                method=data["method"]), form=form,
                success=_("Pengajuan terkirim; pengurus akan memutuskannya."))
            if loan:
                return redirect("support:my_loan", request.coop.slug, loan.pk)
        elif data["term_months"] > limits.max_term_months:
            form.add_error("term_months", _("Jangka waktu paling lama %(n)s bulan.")
                           % {"n": limits.max_term_months})
        else:
            # The schedule as it would be if paid out today: a preview, nothing saved.
            preview = schedule(data["amount"], data["term_months"], limits.monthly_rate,
                               data["method"], add_months(timezone.localdate(), 1))
    return render(request, "support/loans/apply.html", {
        "form": form, "limits": limits, "room": room, "preview": preview,
        "preview_interest": sum(r.interest for r in preview) if preview else None,
        "portal": "member"})


@require_safe
@coop_view("loans.own")
def my_loan(request, pk):
    member = _member(request)
    loan = selectors.member_loan(member, pk)
    if loan is None:
        raise Http404
    return render(request, "support/loans/my_detail.html", {
        **selectors.loan_page(loan), "portal": "member",
        "sukarela": balances(member)["sukarela"]})


@coop_view("loans.own")
def my_pay(request, instalment_pk):
    member = _member(request)
    instalment = selectors.member_instalment(member, instalment_pk)
    if instalment is None:
        raise Http404
    if request.method == "POST":
        attempt(request, lambda: services.repay(
            instalment=instalment, actor=request.user, date=timezone.localdate(),
            via=PayMethod.SUKARELA), success=_("Angsuran dibayar dari simpanan sukarela."))
    return redirect("support:my_loan", request.coop.slug, instalment.loan_id)
