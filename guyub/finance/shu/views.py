"""The board's SHU pages: the policy, the years and their plans, the simulation (with
its Excel of every member), a plan (propose, withdraw, post, its PDF) and the payments.
Officers read them all (the pengawas reviews, read-only); the board changes the policy
and the plans; board and staff pay the shares out."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guyub.core.errors import DomainError, attempt
from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from . import selectors, services
from .forms import PayForm, PolicyForm, PostForm, SharesFilter, SimulationForm, split_initial
from .models import ShuPlan, ShuPolicy
from .payouts import pay_share
from .services import snapshot
from .services.plans import MAX_YEAR, MIN_YEAR

PER_PAGE = 50


def _plan(pk) -> ShuPlan:
    found = selectors.plan(pk)
    if found is None:
        raise Http404
    return found


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def _form_error(request, form) -> None:
    """A step posted from a button: its form's errors as a message."""
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@require_safe
@coop_view("finance.view")
def shu_home(request):
    coop = request.coop
    return render(request, "finance/shu/home.html", {
        "years": selectors.years(coop, today_year=timezone.localdate().year),
        "can_manage": request.access.can("shu.manage")})


@coop_view("finance.view")
def shu_policy(request):
    """Officers read the policy; the board saves it."""
    coop = request.coop
    policy = selectors.policy(coop)
    can_manage = request.access.can("shu.manage")
    if request.method == "POST":
        request.access.require("shu.manage")
    form = PolicyForm(request.POST or None, instance=policy, cooperative=coop)
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, lambda: services.save_policy(
            cooperative=coop, actor=request.user, settings=form.save(commit=False),
            percentages=form.percentages(), names=form.names()), form=form,
            success=_("Kebijakan SHU disimpan."))
        if saved:
            return redirect("finance:shu_policy", coop.slug)
    if not can_manage:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "finance/shu/policy.html", {"form": form, "can_manage": can_manage})


def _simulation_form(request, coop, policy):
    names = policy.portion_names
    initial = split_initial(coop, policy)
    if any(k in request.GET for k in initial):
        return SimulationForm(request.GET, cooperative=coop, names=names)
    # No split typed yet: the cooperative's own, with the search as typed.
    return SimulationForm({**{k: str(v) for k, v in initial.items()},
                           "q": request.GET.get("q", "")}, cooperative=coop, names=names)


def _simulate(coop, year, policy, form):
    try:
        return snapshot.simulate(coop, year=year, policy=policy,
                                 percentages=form.percentages(), weights=form.weights())
    except DomainError as error:
        form.add_error(None, error.message)
        return None


@require_safe
@coop_view("finance.view")
def shu_simulate(request, year):
    coop, year = request.coop, _year(year)
    policy = selectors.policy(coop)
    form = _simulation_form(request, coop, policy)
    sim = _simulate(coop, year, policy, form) if form.is_valid() else None
    page, query = None, ""
    if sim is not None:
        search = (form.cleaned_data.get("q") or "").strip().lower()
        rows = [r for r in sim.rows if not search or search in _row_text(r)]
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(request, "finance/shu/simulate.html", {
        "year": year, "form": form, "sim": sim, "page": page, "query": query,
        "split": [(form[f], form[f].value()) for f in split_initial(coop, policy)],
        "closed": selectors.year_close(coop, year),
        "can_manage": request.access.can("shu.manage")})


def _row_text(row) -> str:
    return f"{row.number or ''} {row.name} {row.business_name}".lower()


@require_safe
@coop_view("finance.view")
def shu_simulate_export(request, year):
    coop, year = request.coop, _year(year)
    policy = selectors.policy(coop)
    form = _simulation_form(request, coop, policy)
    sim = _simulate(coop, year, policy, form) if form.is_valid() else None
    if sim is None:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("finance:shu_simulate", coop.slug, year)
    return xlsx_response(_member_rows(sim.rows), name=f"simulasi-shu-{year}",
                         title=_("SHU %(year)s") % {"year": year})


MEMBER_HEADER = ("Nomor", "Nama", "Modal", "Penjualan", "Pembelian bersama",
                 "Pengiriman kontrak", "Jasa pinjaman", "Sewa aset", "Transaksi tertimbang",
                 "Jasa modal", "Jasa usaha", "SHU anggota")


def _member_rows(rows):
    """The Excel's rows: a simulation's MemberRows or a plan's ShuShares."""
    yield [_(h) for h in MEMBER_HEADER]
    for r in rows:
        member = getattr(r, "member", None)
        number, name = (member.number, member.owner_name) if member else (r.number, r.name)
        yield [number, name, r.capital, r.sales, r.purchases,
               r.contracts, r.loan_interest, r.asset_fees, r.business, r.jasa_modal,
               r.jasa_usaha, r.jasa_modal + r.jasa_usaha]


@require_POST
@coop_view("shu.manage")
def shu_save_draft(request, year):
    coop, year = request.coop, _year(year)
    policy = selectors.policy(coop)
    form = SimulationForm(request.POST, cooperative=coop, names=policy.portion_names)
    if not form.is_valid():
        _form_error(request, form)
        return redirect("finance:shu_simulate", coop.slug, year)
    plan = attempt(request, lambda: services.save_draft(
        cooperative=coop, year=year, actor=request.user, percentages=form.percentages(),
        weights=form.weights()), success=_("Simulasi disimpan sebagai rencana."))
    if plan:
        return redirect("finance:shu_plan", coop.slug, plan.pk)
    return redirect("finance:shu_simulate", coop.slug, year)


@require_safe
@coop_view("finance.view")
def shu_plan(request, pk):
    plan = _plan(pk)
    search = SharesFilter(request.GET or None)
    values = search.values()
    page = Paginator(selectors.shares(plan, **values), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "finance/shu/plan.html", {
        "plan": plan, "page": page, "search": search, "totals": selectors.share_totals(plan),
        "approval": selectors.rat_approval(request.coop, plan.year),
        "closed": selectors.year_close(request.coop, plan.year),
        "query": urlencode({k: v for k, v in (("q", values["query"]),
                                               ("unpaid", "1" if values["unpaid"] else ""))
                            if v}),
        "split_query": urlencode(selectors.plan_split(plan)),
        "can_manage": request.access.can("shu.manage"),
        "can_pay": request.access.can("shu.pay"), "post_form": PostForm()})


@require_POST
@coop_view("shu.manage")
def shu_plan_propose(request, pk):
    plan = _plan(pk)
    attempt(request, lambda: services.propose(plan=plan, actor=request.user),
            success=_("Rencana diajukan ke RAT; bagian setiap anggota dibekukan."))
    return redirect("finance:shu_plan", request.coop.slug, plan.pk)


@require_POST
@coop_view("shu.manage")
def shu_plan_withdraw(request, pk):
    plan = _plan(pk)
    attempt(request, lambda: services.withdraw(plan=plan, actor=request.user),
            success=_("Rencana ditarik."))
    return redirect("finance:shu_plan", request.coop.slug, plan.pk)


@require_POST
@coop_view("shu.manage")
def shu_plan_post(request, pk):
    plan = _plan(pk)
    form = PostForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.post_plan(plan=plan, actor=request.user,
                                                    date=form.cleaned_data["date"]),
                success=_("SHU dibukukan; setiap anggota diberi tahu bagiannya."))
    else:
        _form_error(request, form)
    return redirect("finance:shu_plan", request.coop.slug, plan.pk)


@require_safe
@coop_view("finance.view")
def shu_plan_export(request, pk):
    plan = _plan(pk)
    return xlsx_response(_member_rows(selectors.shares(plan)), name=f"shu-{plan.year}-{plan.pk}",
                         title=_("SHU %(year)s") % {"year": plan.year})


@require_http_methods(["GET", "HEAD", "POST"])
@coop_view("shu.pay")
def shu_share_pay(request, pk):
    """Board or staff pay a posted share at the office, in cash or by bank transfer
    (into simpanan sukarela is the member's own choice, on their page)."""
    share = selectors.share(pk)
    if share is None:
        raise Http404
    form = PayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: pay_share(share=share, method=data["method"],
                                              actor=request.user, date=data["date"]),
                   form=form, success=_("SHU %(name)s dibayarkan.")
                   % {"name": share.member.owner_name}):
            return redirect(f"{services.plan_url(share.plan)}?unpaid=1")
    return render(request, "finance/shu/pay.html", {"share": share, "plan": share.plan,
                                                    "form": form})


@require_safe
@coop_view("finance.view")
def shu_plan_pdf(request, pk):
    """The proposal as the RAT's documents carry it."""
    plan = _plan(pk)
    destination = dict(ShuPolicy.Destination.choices).get(
        (plan.policy or {}).get("non_member_to"), "")
    return pdf_response("finance/shu/pdf/proposal.html", {
        "plan": plan, "coop": request.coop, "portions": selectors.plan_portions(plan),
        "non_member_to": str(destination).lower(), "shares": selectors.shares(plan)},
        filename=f"usulan-shu-{plan.year}-{plan.pk}.pdf", request=request)
