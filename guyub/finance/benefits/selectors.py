"""Laporan Promosi Ekonomi Anggota: what membership brought each member in a year, in
rupiah, and in total. Four benefits, each gathered for all members at once (one
GROUP BY per source, never a query per member):

- **Pooled buying**: what the member would have paid buying the same goods alone
  (quantity × the item's retail reference price, as kept with the round when it opened:
  RoundItem.retail_reference) minus what they paid the cooperative for them (goods,
  their part of the costs and the cooperative's fee). The same yardstick as the round's
  own savings page; the tier price alone would hide the costs the member also paid.
  Rounds whose goods are in (received or distributed), by pick-up date in the year.
- **Marketing income**: what the cooperative owed the member for their products it
  sold (storefront sales, contract deliveries): credits to "utang kepada anggota" on
  the member's line in the year, less the reversals of cancelled sales. Paying the
  member out (a debit) does not reduce it: it is the same income, handed over.
- **Loan interest saved**: interest at the board's market reference rate
  (ShuPolicy.market_loan_rate, % a year) on the member's average loan balance over the
  year (the mean of the 12 month-end balances of their loan receivable), minus the
  interest they actually paid (loan interest credited on their line). Negative when
  the cooperative charged more than the market; shown as it is.
- **SHU**: their share of the year's posted SHU; before posting, the projection
  (shu.compute.simulate), marked as such.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Q, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from guyub.core.money import to_rupiah
from guyub.finance.shu import compute
from guyub.finance.shu.models import ShuPlan, ShuPolicy, ShuShare
from guyub.finance.shu.projection import projected
from guyub.finance.shu.rules import AllocationError
from guyub.ledger.models import Account, JournalLine
from guyub.members.models import Member
from guyub.purchasing.rounds.models import Round, Share

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=24, decimal_places=3)


# Where the report's SHU comes from.
POSTED, PROPOSED, PROJECTED = "posted", "proposed", "projected"


@dataclass
class MemberBenefit:
    member_id: int
    number: str
    name: str
    retail: Decimal = ZERO        # pooled buying: what buying alone would have cost
    paid: Decimal = ZERO          # pooled buying: what the member paid the cooperative
    marketing: Decimal = ZERO
    loan_balance: Decimal = ZERO  # average loan balance over the year
    market_interest: Decimal = ZERO
    interest_paid: Decimal = ZERO
    shu: Decimal = ZERO

    @property
    def purchase_savings(self) -> Decimal:
        return self.retail - self.paid

    @property
    def interest_saved(self) -> Decimal:
        return self.market_interest - self.interest_paid

    @property
    def total(self) -> Decimal:
        return self.purchase_savings + self.marketing + self.interest_saved + self.shu


@dataclass
class BenefitReport:
    year: int
    market_rate: Decimal
    shu_basis: str  # POSTED, PROPOSED or PROJECTED
    rows: list[MemberBenefit]
    notes: list[str] = field(default_factory=list)

    @property
    def shu_projected(self) -> bool:
        return self.shu_basis == PROJECTED

    @property
    def shu_label(self) -> str:
        return {POSTED: _("SHU"), PROPOSED: _("SHU (usulan RAT)"),
                PROJECTED: _("SHU (proyeksi)")}[self.shu_basis]

    @property
    def totals(self) -> MemberBenefit:
        total = MemberBenefit(member_id=0, number="", name=_("Jumlah"))
        for name in ("retail", "paid", "marketing", "loan_balance", "market_interest",
                     "interest_paid", "shu"):
            setattr(total, name, sum((getattr(r, name) for r in self.rows), ZERO))
        return total


def _members(year: int, member_ids):
    """Who was a member during the year: joined by its end, not an applicant or a
    rejected one (those who left during it keep what they got while members)."""
    members = (Member.objects.filter(join_date__lte=dt.date(year, 12, 31))
               .exclude(status__in=[Member.Status.APPLICANT, Member.Status.REJECTED])
               .order_by("number", "pk").only("pk", "number", "owner_name"))
    if member_ids is not None:
        members = members.filter(pk__in=member_ids)
    return members


def _pooled_buying(year: int, member_ids) -> dict:
    shares = Share.objects.filter(round_item__round__status__in=Round.FINAL,
                                  round_item__round__pickup_date__year=year, quantity__gt=0)
    if member_ids is not None:
        shares = shares.filter(member_id__in=member_ids)
    retail_price = Coalesce("round_item__retail_price",
                            "round_item__price_list__item__retail_reference_price")
    rows = (shares.values("member_id").order_by()
            .annotate(retail=Sum(F("quantity") * retail_price, output_field=MONEY),
                      paid=Sum(F("goods_amount") + F("cost_amount") + F("fee_amount"),
                               output_field=MONEY)))
    return {r["member_id"]: (to_rupiah(r["retail"] or ZERO), r["paid"] or ZERO) for r in rows}


def _lines(role: str, member_ids):
    accounts = list(Account.objects.filter(role=role).values_list("pk", flat=True))
    lines = JournalLine.objects.filter(account_id__in=accounts, member__isnull=False)
    if member_ids is not None:
        lines = lines.filter(member_id__in=member_ids)
    return lines.values("member_id").order_by()


def _marketing(year: int, member_ids) -> dict:
    rows = (_lines("payable_members", member_ids).filter(date__year=year)
            .annotate(earned=Sum("credit", filter=Q(entry__reverses__isnull=True)),
                      reversed=Sum("debit", filter=Q(entry__reverses__isnull=False))))
    return {r["member_id"]: (r["earned"] or ZERO) - (r["reversed"] or ZERO) for r in rows}


def _month_ends(year: int) -> list[dt.date]:
    return [(dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
            for m in range(1, 13)]


def _average_loan_balance(year: int, member_ids) -> dict:
    # The 12 month-end balances as CASE sums in one GROUP BY: Σ(debit − credit) of the
    # lines up to each month's end.
    sums = {f"m{i}": Sum(Case(When(date__lte=end, then=F("debit") - F("credit")),
                              default=ZERO, output_field=MONEY))
            for i, end in enumerate(_month_ends(year))}
    rows = (_lines("loans_receivable", member_ids).filter(date__lte=dt.date(year, 12, 31))
            .annotate(**sums))
    return {r["member_id"]: sum((max(r[k] or ZERO, ZERO) for k in sums), ZERO) / 12
            for r in rows}


def _interest_paid(year: int, member_ids) -> dict:
    rows = (_lines("loan_interest", member_ids).filter(date__year=year)
            .annotate(c=Sum("credit"), d=Sum("debit")))
    return {r["member_id"]: (r["c"] or ZERO) - (r["d"] or ZERO) for r in rows}


def _shu(cooperative, year: int, member_ids, members: list[int]) -> tuple[dict, str, str]:
    """({member: SHU}, its basis, a note when there is none) for `members` (the report's;
    `member_ids` is the report's filter, None for all). The posted plan's shares; before
    the posting, the shares frozen in the plan proposed to the RAT (what the member's own
    SHU page shows); only without either, a projection from the books."""
    for status, basis in ((ShuPlan.Status.POSTED, POSTED), (ShuPlan.Status.PROPOSED, PROPOSED)):
        shares = ShuShare.objects.filter(plan__year=year, plan__status=status)
        if shares.exists():
            if member_ids is not None:
                shares = shares.filter(member_id__in=member_ids)
            return dict(shares.values_list("member_id", "amount")), basis, ""
    try:
        simulation, _computed_at = projected(cooperative, year=year,
                                             policy=compute.policy_for(cooperative))
    except AllocationError:
        return {}, PROJECTED, _("Pembagian SHU belum lengkap (persentase tidak 100 %); SHU "
                                "belum dapat diproyeksikan.")
    return _projected(simulation, members), PROJECTED, ""


def _projected(simulation, member_ids) -> dict:
    found = {}
    for member_id in member_ids:
        row = simulation.share_for(member_id)
        if row is not None:
            found[member_id] = Decimal(row.jasa_modal) + Decimal(row.jasa_usaha)
    return found


def market_rate(cooperative) -> Decimal:
    policy = ShuPolicy.objects.filter(cooperative=cooperative).first()
    return (policy or ShuPolicy(cooperative=cooperative)).market_loan_rate


def benefit_report(cooperative, *, year: int, member_ids=None) -> BenefitReport:
    """Every member's benefits in `year` (or only `member_ids`'), in member number order."""
    rate = market_rate(cooperative)
    buying = _pooled_buying(year, member_ids)
    marketing = _marketing(year, member_ids)
    balances = _average_loan_balance(year, member_ids)
    interest = _interest_paid(year, member_ids)
    members = list(_members(year, member_ids))
    shu, basis, note = _shu(cooperative, year, member_ids, [m.pk for m in members])
    rows = []
    for member in members:
        pk = member.pk
        retail, paid = buying.get(pk, (ZERO, ZERO))
        balance = balances.get(pk, ZERO)
        rows.append(MemberBenefit(
            member_id=pk, number=member.display_number, name=member.owner_name,
            retail=retail, paid=paid,
            marketing=marketing.get(pk, ZERO), loan_balance=to_rupiah(balance),
            market_interest=to_rupiah(balance * rate / 100),
            interest_paid=interest.get(pk, ZERO), shu=shu.get(pk, ZERO)))
    return BenefitReport(year=year, market_rate=rate, shu_basis=basis, rows=rows,
                         notes=[note] if note else [])
